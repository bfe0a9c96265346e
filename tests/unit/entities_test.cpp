#include "decode/entities.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "decode/frame.h"
#include "decode/json_path.h"

using namespace mastotail;

TEST_CASE("entities decode a status") {
  decode::EntityDecoder decoder;
  auto status = decoder.decode_status(R"({
    "id": "1", "uri": "u", "url": "https://x/1",
    "created_at": "2026-08-01T13:55:31Z", "edited_at": null,
    "account": {"id": "9", "username": "ann", "acct": "ann@x",
                "display_name": "Ann", "bot": true},
    "content": "<p>hi</p>", "spoiler_text": "cw", "sensitive": true,
    "visibility": "private", "language": "de",
    "in_reply_to_id": "7", "in_reply_to_account_id": "8",
    "mentions": [{"id": "8", "username": "b", "acct": "b@y", "url": "u"}],
    "media_attachments": [{"id": "m", "type": "image", "url": null,
                           "remote_url": "https://r/m", "description": "d"}],
    "poll": {"id": "p", "expired": true, "multiple": false,
             "votes_count": 2, "voters_count": null,
             "options": [{"title": "a", "votes_count": 2},
                         {"title": "b", "votes_count": null}]},
    "card": {"url": "https://c", "title": "T"},
    "filtered": [{"filter": {"id": "f", "title": "F",
                  "context": ["home", "public"], "expires_at": null,
                  "filter_action": "blur"}, "keyword_matches": ["x"]}],
    "reblog": null})");
  REQUIRE(status.ok());
  CHECK(status->id == "1");
  CHECK(status->url == "https://x/1");
  CHECK(status->edited_at.empty());
  CHECK(status->account.acct == "ann@x");
  CHECK(status->account.bot);
  CHECK(status->sensitive);
  CHECK(status->visibility == "private");
  CHECK(status->in_reply_to_account_id == "8");
  REQUIRE(status->mentions.size() == 1);
  CHECK(status->mentions[0].acct == "b@y");
  REQUIRE(status->media_attachments.size() == 1);
  CHECK(status->media_attachments[0].url.empty());
  CHECK(status->media_attachments[0].remote_url == "https://r/m");
  REQUIRE(status->poll.has_value());
  CHECK(status->poll->votes_count == 2);
  CHECK(!status->poll->voters_count.has_value());
  REQUIRE(status->poll->options.size() == 2);
  CHECK(!status->poll->options[1].votes_count.has_value());
  REQUIRE(status->card.has_value());
  CHECK(status->card->title == "T");
  REQUIRE(status->filtered.size() == 1);
  CHECK(status->filtered[0].action == "blur");
  CHECK(status->filtered[0].context.size() == 2);
  CHECK(!status->reblog);
}

TEST_CASE("entities decode boosts and quotes") {
  decode::EntityDecoder decoder;
  auto status = decoder.decode_status(R"({"id": "2",
    "reblog": {"id": "1", "content": "<p>x</p>",
               "quote": {"state": "accepted", "quoted_status_id": "0"}}})");
  REQUIRE(status.ok());
  REQUIRE(status->reblog);
  CHECK(status->reblog->id == "1");
  CHECK(status->reblog->quote_id == "0");
  CHECK(!status->reblog->quote);
}

TEST_CASE("entities skip fields of the wrong type") {
  decode::EntityDecoder decoder;
  auto status = decoder.decode_status(R"({"id": 42, "content": 5,
    "account": "nobody", "media_attachments": {"a": 1}, "poll": "no",
    "card": [], "sensitive": "yes", "mentions": [1, "x", null],
    "url": "https://x/ok"})");
  REQUIRE(status.ok());
  CHECK(status->id == "42");
  CHECK(status->content.empty());
  CHECK(status->account.acct.empty());
  CHECK(status->media_attachments.empty());
  CHECK(!status->poll.has_value());
  CHECK(!status->card.has_value());
  CHECK(!status->sensitive);
  CHECK(status->url == "https://x/ok");
}

TEST_CASE("entities reject malformed JSON") {
  decode::EntityDecoder decoder;
  auto broken = decoder.decode_status("{\"id\": ");
  REQUIRE(!broken.ok());
  CHECK(broken.error().kind == ErrorKind::kProtocol);
  CHECK(!decoder.decode_status("[1, 2]").ok());
  CHECK(!decoder.decode_status("").ok());
  // The decoder works again after a failure.
  CHECK(decoder.decode_status("{\"id\": \"3\"}").ok());
}

TEST_CASE("entities decode a notification") {
  decode::EntityDecoder decoder;
  auto notification = decoder.decode_notification(R"({"id": "5",
    "type": "admin.report", "created_at": "2026-08-01T16:00:00Z",
    "account": {"acct": "mod"},
    "report": {"id": "r", "category": "spam", "comment": "c",
               "target_account": {"acct": "bad"}},
    "status": null})");
  REQUIRE(notification.ok());
  CHECK(notification->type == "admin.report");
  CHECK(!notification->status);
  REQUIRE(notification->report.has_value());
  CHECK(notification->report->target_account.acct == "bad");
}

TEST_CASE("entities decode conversations, announcements and reactions") {
  decode::EntityDecoder decoder;
  auto conversation = decoder.decode_conversation(
      R"({"id": "c", "unread": true, "accounts": [{"acct": "a"},
         {"acct": "b"}], "last_status": {"id": "s"}})");
  REQUIRE(conversation.ok());
  CHECK(conversation->accounts.size() == 2);
  REQUIRE(conversation->last_status);
  CHECK(conversation->last_status->id == "s");

  auto announcement = decoder.decode_announcement(
      R"({"id": "a", "content": "<p>x</p>", "all_day": true,
         "reactions": [{"name": "blob", "count": 2, "url": "https://e"}]})");
  REQUIRE(announcement.ok());
  CHECK(announcement->all_day);
  REQUIRE(announcement->reactions.size() == 1);
  CHECK(announcement->reactions[0].count == 2);

  auto reaction = decoder.decode_reaction(
      R"({"name": "\ud83e\udd14", "count": 0, "announcement_id": "1"})");
  REQUIRE(reaction.ok());
  CHECK(reaction->name == "\xF0\x9F\xA4\x94");
  CHECK(reaction->count == 0);
}

TEST_CASE("entities decode every captured entity") {
  const char* captures = std::getenv("MASTOTAIL_CAPTURES");
  std::filesystem::path dir =
      captures == nullptr ? std::filesystem::path() : captures;
  if (captures == nullptr || !std::filesystem::exists(dir / "entities")) {
    MESSAGE("captures folder not found; set MASTOTAIL_CAPTURES to test it");
    return;
  }

  decode::EntityDecoder decoder;
  std::string line;
  std::ifstream statuses(dir / "entities" / "statuses.ndjson");
  int count = 0;
  while (std::getline(statuses, line)) {
    auto status = decoder.decode_status(line);
    CHECK(status.ok());
    if (status.ok()) CHECK(!status->account.acct.empty());
    ++count;
  }
  CHECK(count == 30);

  std::ifstream notifications(dir / "entities" / "notifications.ndjson");
  while (std::getline(notifications, line)) {
    auto notification = decoder.decode_notification(line);
    CHECK(notification.ok());
    if (notification.ok()) CHECK(!notification->type.empty());
  }
}

TEST_CASE("json path lookups") {
  decode::JsonDocument document;
  REQUIRE(document
              .load(R"({"a": {"b": [10, {"c": "x\ny"}]},
    "n": null, "t": true, "o": {"k": [1, 2]}})")
              .ok());
  std::string out;
  CHECK(document.append_value({"a", "b", "0"}, out) ==
        decode::JsonKind::kNumber);
  CHECK(out == "10");
  out.clear();
  CHECK(document.append_value({"a", "b", "1", "c"}, out) ==
        decode::JsonKind::kString);
  CHECK(out == "x\ny");
  out.clear();
  CHECK(document.append_value({"o"}, out) == decode::JsonKind::kObject);
  CHECK(out == "{\"k\":[1,2]}");
  out.clear();
  CHECK(document.append_value({"n"}, out) == decode::JsonKind::kNull);
  CHECK(document.append_value({"t"}, out) == decode::JsonKind::kBool);
  CHECK(document.append_value({"a", "b", "x"}, out) ==
        decode::JsonKind::kMissing);
  CHECK(document.append_value({"a", "b", "-1"}, out) ==
        decode::JsonKind::kMissing);
  CHECK(out == "true");

  CHECK(!document.load("{").ok());
  CHECK(document.append_value({}, out) == decode::JsonKind::kMissing);
}

TEST_CASE("json path splits dotted names") {
  CHECK(decode::split_path("a.b.0") == std::vector<std::string>{"a", "b", "0"});
  CHECK(decode::split_path("id") == std::vector<std::string>{"id"});
  CHECK(decode::split_path("").empty());
}

namespace {

// Describes filter results in one string, so that a mismatch shows both.
std::string describe(const std::vector<decode::FilterResult>& results) {
  std::string out;
  for (const decode::FilterResult& result : results) {
    out += "[" + result.title + "|" + result.expires_at + "|" + result.action;
    for (const std::string& context : result.context) out += "|" + context;
    out += "]";
  }
  return out;
}

}  // namespace

TEST_CASE("json path filters match the entity decoder") {
  const char* const kStatuses[] = {
      R"({"id": "1"})",
      R"({"filtered": [{"filter": {"title": "T", "context": ["public"],
          "filter_action": "hide", "expires_at": "2030-01-01T00:00:00Z"}}]})",
      R"({"filtered": [1, {"filter": 2}, {"filter": {"title": 3,
          "context": ["home", 4, "public"]}}]})",
      R"({"filtered": [{"filter": {"title": "a", "context": ["home"]},
          "filter": {"title": "b", "context": ["thread"]}}],
          "filtered": [{"filter": {"filter_action": "warn"}}],
          "filtered": {"x": 1}})",
      R"({"reblog": {"filtered": [{"filter": {"title": "inner"}}]},
          "filtered": [{"filter": {"title": "outer"}}]})",
      R"({"reblog": {"filtered": [{"filter": {"title": "first"}}]},
          "reblog": {"filtered": [{"filter": {"title": "second"}}]},
          "reblog": null})",
      R"({"reblog": [{"filtered": [{"filter": {"title": "no"}}]}]})",
  };
  decode::EntityDecoder decoder;
  decode::JsonDocument document;
  decode::StatusFilters filters;
  for (const char* json : kStatuses) {
    CAPTURE(json);
    auto status = decoder.decode_status(json);
    REQUIRE(status.ok());
    REQUIRE(document.load(json).ok());
    CHECK(document.read_status_filters({}, filters));
    CHECK(describe(filters.filtered) == describe(status->filtered));
    std::string reblog =
        status->reblog ? describe(status->reblog->filtered) : "";
    CHECK(describe(filters.reblog_filtered) == reblog);

    std::string notification = std::string(R"({"status": 1, "status": )") +
                               json + R"(, "status": "x"})";
    REQUIRE(document.load(notification).ok());
    CHECK(document.read_status_filters("status", filters));
    CHECK(describe(filters.filtered) == describe(status->filtered));
  }
}

TEST_CASE("json path reads parsed frame payload") {
  decode::FrameDecoder frames(1 << 20);
  auto frame = frames.decode(
      R"({"event":"update","payload":"{\"account\":{\"acct\":\"ann\"}}"})");
  REQUIRE(frame.ok());
  REQUIRE((*frame)->parsed != nullptr);

  decode::JsonDocument document;
  REQUIRE(document.load((*frame)->payload, (*frame)->parsed).ok());
  std::string out;
  CHECK(document.append_value({"account", "acct"}, out) ==
        decode::JsonKind::kString);
  CHECK(out == "ann");

  // Without a parsed payload the text is parsed.
  REQUIRE(document.load(R"({"account":{"acct":"bo"}})", nullptr).ok());
  out.clear();
  CHECK(document.append_value({"account", "acct"}, out) ==
        decode::JsonKind::kString);
  CHECK(out == "bo");
}

TEST_CASE("json path filters need a status object") {
  decode::JsonDocument document;
  decode::StatusFilters filters;
  REQUIRE(document.load(R"(["filtered"])").ok());
  CHECK(!document.read_status_filters({}, filters));
  REQUIRE(document.load(R"({"status": null})").ok());
  CHECK(!document.read_status_filters("status", filters));
  CHECK(filters.filtered.empty());
  CHECK(!document.load("{").ok());
  CHECK(!document.read_status_filters({}, filters));
}
