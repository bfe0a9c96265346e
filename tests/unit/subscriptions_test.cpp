#include "app/subscriptions.h"

#include <doctest/doctest.h>

using mastotail::app::SubscriptionSet;
using mastotail::cli::Timeline;
using mastotail::decode::Frame;

namespace {

Frame frame_with_stream(std::initializer_list<std::string_view> stream) {
  Frame frame;
  frame.type = mastotail::decode::FrameType::kEvent;
  frame.has_stream = true;
  for (std::string_view element : stream) {
    frame.stream[frame.stream_size++] = element;
  }
  return frame;
}

std::vector<Timeline> three_timelines() {
  return {{"user", "", "", false},
          {"hashtag", "tag", "Caf\xC3\xA9", false},
          {"list", "list", "01FC3TZ5CFG6H65GCKCJRKA669", false}};
}

}  // namespace

TEST_CASE("subscribe messages carry stream and parameter") {
  SubscriptionSet set(three_timelines());
  REQUIRE(set.all().size() == 3);
  CHECK(set.all()[0].subscribe_message ==
        R"({"type":"subscribe","stream":"user"})");
  CHECK(set.all()[1].subscribe_message ==
        "{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":"
        "\"Caf\xC3\xA9\"}");
  CHECK(set.all()[2].stream_json == R"(["list","01FC3TZ5CFG6H65GCKCJRKA669"])");
  CHECK(set.all()[0].filter_context == "home");
  CHECK(set.all()[1].filter_context == "public");
}

TEST_CASE("routing follows the stream array") {
  SubscriptionSet set(three_timelines());
  CHECK(set.route(frame_with_stream({"user"})) == &set.all()[0]);
  CHECK(set.route(frame_with_stream({"hashtag", "caf\xC3\xA9"})) ==
        &set.all()[1]);
  CHECK(set.route(frame_with_stream({"list", "01FC3TZ5CFG6H65GCKCJRKA669"})) ==
        &set.all()[2]);
  CHECK(set.route(frame_with_stream({"list:01FC3TZ5CFG6H65GCKCJRKA669"})) ==
        &set.all()[2]);
  CHECK(set.route(frame_with_stream({"public"})) == nullptr);
  CHECK(set.route(frame_with_stream({"hashtag", "other"})) == nullptr);
}

TEST_CASE("frame without stream goes to the only subscription") {
  Frame frame;
  SubscriptionSet one({{"public", "", "", false}});
  CHECK(one.route(frame) == &one.all()[0]);
  SubscriptionSet several(three_timelines());
  CHECK(several.route(frame) == nullptr);
}

TEST_CASE("list error fails the list subscription only") {
  SubscriptionSet set(three_timelines());
  auto verdict = set.attribute_error("Not authorized to stream this list", 401);
  CHECK(verdict.subscriptions_changed);
  CHECK(set.all()[2].failed);
  CHECK_FALSE(set.all()[0].failed);
  CHECK_FALSE(set.all()[1].failed);
  CHECK(set.any_active());
  CHECK(verdict.message.find("list 01FC3TZ5CFG6H65GCKCJRKA669") !=
        std::string::npos);
}

TEST_CASE("missing tag error fails hashtag subscriptions") {
  SubscriptionSet set(three_timelines());
  set.attribute_error("Missing tag name parameter", 400);
  CHECK(set.all()[1].failed);
  CHECK_FALSE(set.all()[2].failed);
}

TEST_CASE("one error among two lists stays ambiguous") {
  SubscriptionSet set(
      {{"list", "list", "1", false}, {"list", "list", "2", false}});
  auto first = set.attribute_error("Not authorized to stream this list", 401);
  CHECK_FALSE(first.subscriptions_changed);
  CHECK_FALSE(set.all()[0].failed);
  auto second = set.attribute_error("Not authorized to stream this list", 401);
  CHECK(second.subscriptions_changed);
  CHECK_FALSE(set.any_active());
}

TEST_CASE("unknown stream error fails the custom streams") {
  SubscriptionSet set(
      {{"user", "", "", false}, {"bogus:stream", "", "", false}});
  set.attribute_error("Unknown stream type", 400);
  CHECK(set.all()[1].failed);
  CHECK_FALSE(set.all()[0].failed);
}

TEST_CASE("scope error is flagged") {
  SubscriptionSet set({{"user", "", "", false}});
  auto verdict = set.attribute_error(
      "Access token does not have the required scopes", 401);
  CHECK(verdict.scope_error);
  CHECK_FALSE(set.any_active());
}

TEST_CASE("server errors do not fail subscriptions") {
  SubscriptionSet set({{"user", "", "", false}});
  auto verdict = set.attribute_error("An unexpected error occurred", 500);
  CHECK_FALSE(verdict.subscriptions_changed);
  CHECK(set.any_active());
  set.attribute_error("Error unsubscribing from channel", 0);
  CHECK(set.any_active());
}
