#include "render/template.h"

#include <doctest/doctest.h>

#include <string>

#include "decode/frame.h"

using namespace mastotail;

namespace {

decode::Frame make_frame(
    std::string_view event, std::string_view payload,
    decode::PayloadType type = decode::PayloadType::kJson) {
  decode::Frame frame;
  frame.type = decode::FrameType::kEvent;
  frame.event = event;
  frame.payload = payload;
  frame.payload_type = type;
  frame.stream[0] = "hashtag";
  frame.stream[1] = "rust";
  frame.stream_size = 2;
  return frame;
}

std::string render_with(std::string_view format, const decode::Frame& frame,
                        bool* shown = nullptr) {
  auto renderer = render::make_template_renderer(format, {});
  REQUIRE(renderer.ok());
  render::EventContext context;
  context.frame = &frame;
  context.filter_context = "public";
  std::string out;
  bool result = (*renderer)->render(context, out);
  if (shown != nullptr) *shown = result;
  return out;
}

std::string compile_error(std::string_view format) {
  auto renderer = render::make_template_renderer(format, {});
  REQUIRE(!renderer.ok());
  CHECK(renderer.error().kind == ErrorKind::kUsage);
  return renderer.error().message;
}

constexpr std::string_view kStatus = R"({"id": "1",
  "created_at": "2026-08-01T13:55:31.396Z", "url": "https://x/1",
  "account": {"acct": "ann", "display_name": "Ann\nNew\u001b[2J\u202e"},
  "content": "<p>one</p><p>two<br>three</p>", "language": null,
  "media_attachments": [{"url": "https://x/m.png", "meta": {"w": 1}}],
  "tags": [], "sensitive": false, "replies_count": 3})";

}  // namespace

TEST_CASE("template rejects an unclosed brace") {
  CHECK(compile_error("{account.acct") ==
        "--format '{account.acct': unclosed '{' at column 1; write {{ for a "
        "literal brace");
  CHECK(compile_error("ab {x {y}") ==
        "--format 'ab {x {y}': unclosed '{' at column 4; write {{ for a "
        "literal brace");
}

TEST_CASE("template rejects an unmatched closing brace") {
  CHECK(compile_error("a}b") ==
        "--format 'a}b': unmatched '}' at column 2; write }} for a literal "
        "brace");
}

TEST_CASE("template rejects an empty field") {
  CHECK(compile_error("{}").find("empty field name at column 1") !=
        std::string::npos);
  CHECK(compile_error("{a..b}").find("empty field name") != std::string::npos);
}

TEST_CASE("template prints fields of the payload") {
  auto frame = make_frame("update", kStatus);
  CHECK(render_with("{created_at} {account.acct} {url}", frame) ==
        "2026-08-01T13:55:31.396Z ann https://x/1\n");
  CHECK(render_with("{media_attachments.0.url}", frame) == "https://x/m.png\n");
  CHECK(render_with("{event} {stream} {id}", frame) ==
        "update hashtag:rust 1\n");
}

TEST_CASE("template literal braces") {
  auto frame = make_frame("update", kStatus);
  CHECK(render_with("{{{id}}} }}{{", frame) == "{1} }{\n");
}

TEST_CASE("template objects, arrays, null and missing fields") {
  auto frame = make_frame("update", kStatus);
  CHECK(render_with("{media_attachments.0.meta}", frame) == "{\"w\":1}\n");
  CHECK(render_with("{tags}|{language}|{nope.deeper}|{sensitive}", frame) ==
        "[]|||false\n");
  CHECK(render_with("{replies_count}", frame) == "3\n");
  CHECK(render_with("{media_attachments.9.url}", frame) == "\n");
}

TEST_CASE("template sanitises values onto one line") {
  auto frame = make_frame("update", kStatus);
  CHECK(render_with("{account.display_name}", frame) == "Ann New[2J\n");
}

TEST_CASE("template text is the content on one line") {
  auto frame = make_frame("update", kStatus);
  CHECK(render_with("{text}", frame) == "one two three\n");
}

TEST_CASE("template id of a delete is the deleted id") {
  auto frame = make_frame("delete", "99\x1b[2J", decode::PayloadType::kString);
  CHECK(render_with("{event} {id} {account.acct}", frame) == "delete 99[2J \n");
}

TEST_CASE("template hides statuses a hide filter applies to") {
  constexpr std::string_view kFiltered = R"({"id": "1", "content": "<p>x</p>",
    "filtered": [{"filter": {"title": "T", "context": ["public"],
                             "filter_action": "hide"}}]})";
  auto frame = make_frame("update", kFiltered);
  bool shown = true;
  CHECK(render_with("{id}", frame, &shown).empty());
  CHECK(!shown);
}

TEST_CASE("template text names a warn filter") {
  constexpr std::string_view kFiltered = R"({"id": "1", "content": "<p>x</p>",
    "filtered": [{"filter": {"title": "T", "context": ["public"],
                             "filter_action": "warn"}}]})";
  auto frame = make_frame("update", kFiltered);
  CHECK(render_with("{id} {text}", frame) == "1 filtered: T\n");
}
