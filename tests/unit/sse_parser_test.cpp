#include "net/sse_parser.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using mastotail::net::SseEvent;
using mastotail::net::SseParser;

namespace {

std::vector<SseEvent> parse_in_pieces(const std::vector<std::string>& pieces,
                                      size_t max_event_size = 8u << 20) {
  SseParser parser(max_event_size);
  std::vector<SseEvent> events;
  for (const std::string& piece : pieces) parser.feed(piece, events);
  return events;
}

std::vector<SseEvent> parse(const std::string& body) {
  return parse_in_pieces({body});
}

// Removes HTTP/1.1 chunked framing ("size CRLF data CRLF ... 0 CRLF CRLF")
// from `framed`; stops at the zero-size chunk.
std::string dechunk(std::string_view framed) {
  std::string body;
  while (!framed.empty()) {
    size_t line_end = framed.find("\r\n");
    REQUIRE(line_end != std::string_view::npos);
    size_t size =
        std::stoul(std::string(framed.substr(0, line_end)), nullptr, 16);
    framed.remove_prefix(line_end + 2);
    if (size == 0) break;
    REQUIRE(framed.size() >= size + 2);
    body.append(framed.substr(0, size));
    framed.remove_prefix(size + 2);
  }
  return body;
}

// Returns the de-chunked body of a recorded SSE response in the captures
// folder, or "" (with a message) when MASTOTAIL_CAPTURES is unset or lacks
// the file.
std::string captured_sse_body(const char* name) {
  const char* dir = std::getenv("MASTOTAIL_CAPTURES");
  std::ifstream file(std::string(dir ? dir : "") + "/" + name,
                     std::ios::binary);
  if (!dir || !file) {
    MESSAGE("MASTOTAIL_CAPTURES is unset or has no " << name << "; skipped");
    return {};
  }
  std::stringstream content;
  content << file.rdbuf();
  std::string raw = content.str();
  size_t head_end = raw.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  return dechunk(std::string_view(raw).substr(head_end + 4));
}

bool same_events(const std::vector<SseEvent>& a,
                 const std::vector<SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].data != b[i].data) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("sse parser reads Mastodon's events and skips comments") {
  auto events = parse(
      ":)\nevent: update\ndata: {\"id\":\"1\"}\n\n:thump\n\n"
      "event: delete\ndata: 108914398911648589\n\n:thump\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "update");
  CHECK(events[0].data == "{\"id\":\"1\"}");
  CHECK(events[1].name == "delete");
  CHECK(events[1].data == "108914398911648589");
  CHECK(events[1].dropped_size == 0);
}

TEST_CASE("sse parser accepts CR, LF and CRLF line ends") {
  for (std::string end : {"\n", "\r", "\r\n"}) {
    CAPTURE(end);
    auto events = parse("event: delete" + end + "data: 7" + end + end);
    REQUIRE(events.size() == 1);
    CHECK(events[0].name == "delete");
    CHECK(events[0].data == "7");
  }
}

TEST_CASE("sse parser joins a CRLF pair split between chunks") {
  auto events = parse_in_pieces({"event: a\r", "\ndata: 1\r", "\n\r",
                                 "\nevent: b\r", "\ndata: 2\r\n\r", "\n"});
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "a");
  CHECK(events[0].data == "1");
  CHECK(events[1].name == "b");
  CHECK(events[1].data == "2");
}

TEST_CASE("sse parser joins multi-line data with newlines") {
  auto events = parse("data: first\ndata:second\ndata\ndata:  indented\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "message");
  CHECK(events[0].data == "first\nsecond\n\n indented");
}

TEST_CASE("sse parser ignores id, retry, unknown fields and empty events") {
  auto events = parse(
      "id: 5\nretry: 1000\nfoo: bar\n\nevent: lonely\n\n"
      "id: 6\nevent: update\ndata: x\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "update");
  CHECK(events[0].data == "x");
}

TEST_CASE("sse parser keeps data: undefined as text") {
  auto events = parse("event: filters_changed\ndata: undefined\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "filters_changed");
  CHECK(events[0].data == "undefined");
}

TEST_CASE("sse parser skips a byte order mark split across chunks") {
  auto events =
      parse_in_pieces({"\xEF", "\xBB", "\xBF:)\nevent: delete\ndata: 1\n\n"});
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "delete");
}

TEST_CASE("sse parser keeps a UTF-8 character split across chunks") {
  std::string body = "event: update\ndata: caf\xC3\xA9 \xF0\x9F\x98\x80\n\n";
  auto whole = parse(body);
  REQUIRE(whole.size() == 1);
  CHECK(whole[0].data == "caf\xC3\xA9 \xF0\x9F\x98\x80");

  // Every split point, including inside the two- and four-byte characters.
  for (size_t split = 1; split < body.size(); ++split) {
    CAPTURE(split);
    auto events = parse_in_pieces({body.substr(0, split), body.substr(split)});
    CHECK(same_events(events, whole));
  }
}

TEST_CASE("sse parser reports an event over the maximum size") {
  std::string big(100, 'x');
  auto events =
      parse_in_pieces({"event: update\ndata: " + big.substr(0, 50),
                       big.substr(50) + "\n\n", "event: delete\ndata: 1\n\n"},
                      64);
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "update");
  CHECK(events[0].data.empty());
  CHECK(events[0].dropped_size >= 100);
  CHECK(events[1].name == "delete");
  CHECK(events[1].data == "1");
  CHECK(events[1].dropped_size == 0);
}

TEST_CASE("sse parser reset forgets a partial event") {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.feed("event: update\ndata: half", events);
  parser.reset();
  parser.feed("event: delete\ndata: 2\n\n", events);
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "delete");
  CHECK(events[0].data == "2");
}

TEST_CASE("sse parser gives the same events for every split of a capture") {
  std::string body = captured_sse_body("sse-public.raw");
  if (body.empty()) return;

  auto whole = parse(body);
  CHECK(whole.size() == 25);
  for (const SseEvent& event : whole) {
    CHECK((event.name == "update" || event.name == "delete" ||
           event.name == "status.update"));
    CHECK_FALSE(event.data.empty());
  }

  // Every two-piece split of the first 4 KiB and of the last 4 KiB (about
  // 8000 parses of the whole 50 KB body), then one byte at a time.
  for (size_t split = 1; split < body.size(); ++split) {
    if (split > 4096 && split < body.size() - 4096) continue;
    auto events = parse_in_pieces({body.substr(0, split), body.substr(split)});
    if (!same_events(events, whole)) {
      FAIL("different events when split at byte " << split);
    }
  }

  SseParser parser;
  std::vector<SseEvent> events;
  for (char byte : body) parser.feed(std::string_view(&byte, 1), events);
  CHECK(same_events(events, whole));
}

TEST_CASE("sse parser gives the same events for every split of a small body") {
  std::string body = captured_sse_body("sse-user.raw");
  if (body.empty()) return;
  body = body.substr(0, 6000);

  auto whole = parse(body);
  REQUIRE_FALSE(whole.empty());
  for (size_t first = 1; first < body.size(); first += 7) {
    for (size_t second = first + 1; second < body.size(); second += 331) {
      auto events = parse_in_pieces({body.substr(0, first),
                                     body.substr(first, second - first),
                                     body.substr(second)});
      if (!same_events(events, whole)) {
        FAIL("different events when split at " << first << " and " << second);
      }
    }
  }
}
