#include "app/cursors.h"

#include <doctest/doctest.h>

#include "app/rest_feeds.h"

using mastotail::app::Cursors;
using mastotail::app::FeedKind;
using mastotail::app::feeds_for;
using mastotail::cli::Timeline;

TEST_CASE("cursors keep the newest id by Mastodon's order") {
  Cursors cursors;
  cursors.observe(R"(["public"])", FeedKind::kStatuses, "99", "t1");
  cursors.observe(R"(["public"])", FeedKind::kStatuses, "100", "t2");
  cursors.observe(R"(["public"])", FeedKind::kStatuses, "98", "t0");
  const auto* cursor = cursors.find(R"(["public"])", FeedKind::kStatuses);
  REQUIRE(cursor != nullptr);
  CHECK(cursor->id == "100");
  CHECK(cursor->created_at == "t2");
  CHECK(cursors.find(R"(["public"])", FeedKind::kNotifications) == nullptr);
}

TEST_CASE("cursors round-trip through the state file") {
  Cursors cursors;
  cursors.observe(R"(["hashtag","caf\u00e9"])", FeedKind::kStatuses, "5",
                  "2026-12-04T10:00:00.000Z");
  cursors.observe(R"(["user"])", FeedKind::kNotifications, "77", "t");
  CHECK(cursors.dirty());

  Cursors loaded;
  REQUIRE(loaded.load_json(cursors.to_json()).ok());
  const auto* tag =
      loaded.find(R"(["hashtag","caf\u00e9"])", FeedKind::kStatuses);
  REQUIRE(tag != nullptr);
  CHECK(tag->id == "5");
  CHECK(loaded.find(R"(["user"])", FeedKind::kNotifications)->id == "77");
  CHECK_FALSE(loaded.dirty());
}

TEST_CASE("cursors reject a damaged state file") {
  Cursors cursors;
  CHECK_FALSE(cursors.load_json("not json").ok());
  CHECK_FALSE(cursors.load_json(R"({"version":2,"cursors":[]})").ok());
  auto bad_feed = cursors.load_json(
      R"({"version":1,"cursors":[{"stream":["public"],"feed":"x","id":"1"}]})");
  CHECK_FALSE(bad_feed.ok());
  CHECK(bad_feed.error().message.find("delete it") != std::string::npos);
}

TEST_CASE("feeds map timelines to REST endpoints") {
  auto home = feeds_for({"user", "", "", false});
  REQUIRE(home.size() == 2);
  CHECK(home[0].path == "/api/v1/timelines/home");
  CHECK(home[1].path == "/api/v1/notifications");
  CHECK(home[1].event == "notification");

  auto local_media = feeds_for({"public:local:media", "", "", false});
  REQUIRE(local_media.size() == 1);
  CHECK(local_media[0].query == "local=true&only_media=true");

  auto tag = feeds_for({"hashtag:local", "tag", "caf\xC3\xA9", false});
  REQUIRE(tag.size() == 1);
  CHECK(tag[0].path == "/api/v1/timelines/tag/caf%C3%A9");
  CHECK(tag[0].query == "local=true");

  auto list = feeds_for({"list", "list", "01FC3TZ5", false});
  CHECK(list[0].path == "/api/v1/timelines/list/01FC3TZ5");
  CHECK(feeds_for({"direct", "", "", false})[0].kind ==
        FeedKind::kConversations);
  CHECK(feeds_for({"custom:stream", "", "", false}).empty());
}
