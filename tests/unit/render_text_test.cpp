#include "render/text.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "decode/frame.h"
#include "render/time_format.h"

using namespace mastotail;

namespace {

// A hand-made frame: the decode module is tested on its own.
decode::Frame make_frame(
    std::string_view event, std::string_view payload,
    decode::PayloadType type = decode::PayloadType::kJson) {
  decode::Frame frame;
  frame.type = decode::FrameType::kEvent;
  frame.event = event;
  frame.payload = payload;
  frame.payload_type = type;
  return frame;
}

std::string render_one(const decode::Frame& frame, render::TextOptions options,
                       std::string_view filter_context = "home",
                       bool* shown = nullptr) {
  setenv("TZ", "UTC", 1);
  tzset();
  auto renderer = render::make_text_renderer(options);
  REQUIRE(renderer.ok());
  render::EventContext context;
  context.frame = &frame;
  context.filter_context = filter_context;
  std::string out;
  bool result = (*renderer)->render(context, out);
  if (shown != nullptr) *shown = result;
  return out;
}

render::TextOptions plain_options(int width = 0) {
  render::TextOptions options;
  options.width = width;
  std::time_t now = 0;
  REQUIRE(render::parse_timestamp("2026-06-01T00:00:00Z", now));
  options.now = now;
  return options;
}

constexpr std::string_view kStatus = R"({
  "id": "1", "created_at": "2026-08-01T13:55:31.396Z",
  "visibility": "unlisted", "language": "de", "spoiler_text": "",
  "url": "https://x.example/@a/1",
  "account": {"id": "9", "username": "ann", "acct": "ann@x.example",
              "display_name": ""},
  "content": "<p>Hallo Welt</p>", "media_attachments": []})";

constexpr std::string_view kHostile = R"({
  "id": "2", "created_at": "2026-08-01T13:55:31.396Z",
  "spoiler_text": "cw\u001b[2J\u009b31m",
  "url": "https://x.example/@e/2\u001b]8;;evil\u0007",
  "account": {"id": "6", "username": "eve", "acct": "eve",
              "display_name": "\u001b]0;owned\u0007Eve\u202e"},
  "content": "<p>a\u001b[2Jb\u009b31mc</p>",
  "media_attachments": [{"type": "image", "url": "https://x/m\u001b[0m",
                         "description": "alt\u001b[2J\u202e"}],
  "poll": {"expired": true, "votes_count": 1, "multiple": false,
           "options": [{"title": "opt\u001b[2J", "votes_count": 1}]},
  "card": {"url": "https://x/c", "title": "card\u001b]0;t\u0007"}})";

bool has_control(std::string_view text, bool allow_sgr) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') continue;
    if (c == 0x1b && allow_sgr) {
      // Only the renderer's own SGR sequences: ESC [ digits/; m
      size_t j = i + 1;
      if (j >= text.size() || text[j] != '[') return true;
      ++j;
      while (j < text.size() && (std::isdigit(text[j]) || text[j] == ';')) ++j;
      if (j >= text.size() || text[j] != 'm') return true;
      i = j;
      continue;
    }
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      return true;
    }
    if (text.compare(i, 3, "\xE2\x80\xAE") == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("text status block") {
  auto frame = make_frame("update", kStatus);
  CHECK(render_one(frame, plain_options()) ==
        "2026-08-01 13:55  ann @ann@x.example \xC2\xB7 unlisted \xC2\xB7 de\n"
        "Hallo Welt\n"
        "  https://x.example/@a/1\n");
}

TEST_CASE("text separates blocks with a blank line") {
  auto renderer = render::make_text_renderer(plain_options());
  REQUIRE(renderer.ok());
  auto frame = make_frame("delete", "7", decode::PayloadType::kString);
  render::EventContext context;
  context.frame = &frame;
  std::string out;
  CHECK((*renderer)->render(context, out));
  CHECK((*renderer)->render(context, out));
  CHECK(out == "deleted status 7\n\ndeleted status 7\n");
}

TEST_CASE("text delete tombstone") {
  auto frame = make_frame("delete", "123", decode::PayloadType::kString);
  CHECK(render_one(frame, plain_options()) == "deleted status 123\n");
}

TEST_CASE("text skips unknown events") {
  auto frame = make_frame("pleroma:chat_update", "{}");
  bool shown = true;
  CHECK(render_one(frame, plain_options(), "home", &shown).empty());
  CHECK(!shown);
}

TEST_CASE("text skips a payload that is not JSON") {
  auto frame = make_frame("update", "oops", decode::PayloadType::kString);
  bool shown = true;
  CHECK(render_one(frame, plain_options(), "home", &shown).empty());
  CHECK(!shown);
}

TEST_CASE("text reports a malformed payload") {
  render::TextRenderer renderer(plain_options());
  auto frame = make_frame("update", "{\"id\": ");
  render::EventContext context;
  context.frame = &frame;
  std::string out;
  CHECK(!renderer.render(context, out));
  CHECK(!renderer.last_error().empty());
}

TEST_CASE("text wraps to the width") {
  auto frame = make_frame("update", kStatus);
  std::string out = render_one(frame, plain_options(20));
  CHECK(out ==
        "2026-08-01 13:55\n"
        "  ann @ann@x.example\n"
        "  \xC2\xB7 unlisted \xC2\xB7 de\n"
        "Hallo Welt\n"
        "  https://x.example/@a/1\n");
}

TEST_CASE("text set_text_width changes the width") {
  auto renderer = render::make_text_renderer(plain_options(0));
  REQUIRE(renderer.ok());
  CHECK(render::set_text_width(**renderer, 20));
}

TEST_CASE("text renderer rejects a negative width") {
  auto renderer = render::make_text_renderer(plain_options(-1));
  REQUIRE(!renderer.ok());
  CHECK(renderer.error().kind == ErrorKind::kUsage);
}

TEST_CASE("text hostile fields never reach the terminal") {
  auto frame = make_frame("update", kHostile);
  render::TextOptions show = plain_options(80);
  show.cw = render::CwMode::kShow;
  std::string out = render_one(frame, show);
  CHECK(!has_control(out, false));
  CHECK(out.find("]0;ownedEve") != std::string::npos);
  CHECK(out.find("a[2Jb31mc") != std::string::npos);
  CHECK(out.find("alt[2J") != std::string::npos);
  CHECK(out.find("opt[2J") != std::string::npos);
  CHECK(out.find("card]0;t") != std::string::npos);

  show.color = true;
  std::string colored = render_one(frame, show);
  CHECK(!has_control(colored, true));
  CHECK(colored.find("\x1b[1m]0;ownedEve\x1b[0m") != std::string::npos);
}

TEST_CASE("text colour off prints no escape at all") {
  auto frame = make_frame("update", kStatus);
  std::string out = render_one(frame, plain_options(80));
  CHECK(out.find('\x1b') == std::string::npos);
}

TEST_CASE("text content warning modes") {
  constexpr std::string_view kCw = R"({"id": "3",
    "created_at": "2026-08-01T13:55:31Z", "spoiler_text": "spoiler",
    "account": {"username": "a", "acct": "a"}, "content": "<p>body</p>",
    "media_attachments": [{"type": "image", "url": "https://x/m",
                           "description": "pic"}]})";
  auto frame = make_frame("update", kCw);

  render::TextOptions options = plain_options();
  std::string warn = render_one(frame, options);
  CHECK(warn.find("CW: spoiler") != std::string::npos);
  CHECK(warn.find("body") == std::string::npos);
  CHECK(warn.find("pic") == std::string::npos);

  options.cw = render::CwMode::kShow;
  std::string show = render_one(frame, options);
  CHECK(show.find("CW: spoiler") != std::string::npos);
  CHECK(show.find("body") != std::string::npos);
  CHECK(show.find("pic") != std::string::npos);

  options.cw = render::CwMode::kHide;
  std::string hide = render_one(frame, options);
  CHECK(hide == "2026-08-01 13:55  a @a  CW: spoiler\n");
}

TEST_CASE("text server-side filters") {
  auto with_filter = [](std::string_view action, std::string_view context,
                        std::string_view expires) {
    return std::string(R"({"id": "4", "created_at": "2026-08-01T13:55:31Z",
      "account": {"username": "a", "acct": "a"}, "content": "<p>body</p>",
      "media_attachments": [{"type": "image", "url": "https://x/m"}],
      "filtered": [{"filter": {"title": "F", "context": [")") +
           std::string(context) + R"("], "expires_at": )" +
           std::string(expires) + R"(, "filter_action": ")" +
           std::string(action) + R"("}}]})";
  };

  bool shown = true;
  std::string hide_json = with_filter("hide", "home", "null");
  auto hide = make_frame("update", hide_json);
  CHECK(render_one(hide, plain_options(), "home", &shown).empty());
  CHECK(!shown);

  // Another context, or an expired filter: shown in full.
  CHECK(render_one(hide, plain_options(), "public").find("body") !=
        std::string::npos);
  std::string expired_json =
      with_filter("hide", "home", "\"2026-01-01T00:00:00Z\"");
  auto expired = make_frame("update", expired_json);
  CHECK(render_one(expired, plain_options()).find("body") != std::string::npos);

  std::string warn_json = with_filter("warn", "home", "null");
  auto warn = make_frame("update", warn_json);
  std::string warned = render_one(warn, plain_options());
  CHECK(warned.find("filtered: F") != std::string::npos);
  CHECK(warned.find("body") == std::string::npos);

  std::string unknown_json = with_filter("shout", "home", "null");
  auto unknown = make_frame("update", unknown_json);
  CHECK(render_one(unknown, plain_options()).find("filtered: F") !=
        std::string::npos);

  std::string blur_json = with_filter("blur", "home", "null");
  auto blur = make_frame("update", blur_json);
  std::string blurred = render_one(blur, plain_options());
  CHECK(blurred.find("body") != std::string::npos);
  CHECK(blurred.find("https://x/m") == std::string::npos);
  CHECK(blurred.find("1 media hidden by filter: F") != std::string::npos);
}

TEST_CASE("text poll without votes has no division by zero") {
  constexpr std::string_view kPoll = R"({"id": "5",
    "account": {"username": "a", "acct": "a"}, "content": "<p>q</p>",
    "poll": {"expired": false, "multiple": true, "votes_count": 0,
             "voters_count": 0, "options": [{"title": "x", "votes_count": 0},
             {"title": "y", "votes_count": null}]}})";
  auto frame = make_frame("update", kPoll);
  std::string out = render_one(frame, plain_options());
  CHECK(out.find("x  0 votes, 0%") != std::string::npos);
  CHECK(out.find("y  hidden") != std::string::npos);
  CHECK(out.find("null") == std::string::npos);
  CHECK(out.find("nan") == std::string::npos);
}

TEST_CASE("text notification with status") {
  constexpr std::string_view kNotification = R"({"id": "1",
    "type": "favourite", "created_at": "2026-08-01T16:00:00Z",
    "account": {"username": "bob", "acct": "bob", "display_name": "Bob"},
    "status": {"id": "2", "created_at": "2026-08-01T13:55:31Z",
               "account": {"username": "a", "acct": "a"},
               "content": "<p>mine</p>", "url": "https://x/2"}})";
  auto frame = make_frame("notification", kNotification);
  CHECK(render_one(frame, plain_options()) ==
        "2026-08-01 16:00  Bob @bob favourited your post\n"
        "  2026-08-01 13:55  a @a\n"
        "  mine\n"
        "    https://x/2\n");
}

TEST_CASE("text notification of unknown type") {
  constexpr std::string_view kNotification = R"({"id": "1",
    "type": "pleroma:emoji_reaction",
    "account": {"username": "bob", "acct": "bob"}})";
  auto frame = make_frame("notification", kNotification);
  CHECK(render_one(frame, plain_options()) ==
        "pleroma:emoji_reaction: bob @bob\n");
}

TEST_CASE("text one-line events") {
  auto merged =
      make_frame("notifications_merged", "1", decode::PayloadType::kString);
  CHECK(render_one(merged, plain_options()) ==
        "notification requests merged; fetch notifications to see them\n");
  auto changed =
      make_frame("filters_changed", "", decode::PayloadType::kMissing);
  CHECK(render_one(changed, plain_options()) == "filters changed\n");
  auto deleted =
      make_frame("announcement.delete", "a1", decode::PayloadType::kString);
  CHECK(render_one(deleted, plain_options()) == "announcement deleted a1\n");
}

TEST_CASE("text status.update is marked as an edit") {
  auto frame = make_frame("status.update", kStatus);
  CHECK(render_one(frame, plain_options()).find("  edit  ann") !=
        std::string::npos);
}
