#include "render/ndjson.h"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

#include "decode/frame.h"
#include "render/json_writer.h"
#include "render/raw.h"

using mastotail::decode::Frame;
using mastotail::decode::FrameDecoder;
using mastotail::decode::FrameType;
using mastotail::decode::PayloadType;
using mastotail::render::append_json_string;
using mastotail::render::EventContext;
using mastotail::render::make_ndjson_renderer;
using mastotail::render::make_raw_renderer;

// AddressSanitizer replaces operator new itself and reports the
// replacement below as a mismatch, so allocations are counted without it.
#if defined(__SANITIZE_ADDRESS__)
#define MASTOTAIL_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MASTOTAIL_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef MASTOTAIL_COUNT_ALLOCATIONS
#define MASTOTAIL_COUNT_ALLOCATIONS 1
#endif

#if MASTOTAIL_COUNT_ALLOCATIONS
// Counts heap allocations made while counting is on, for the test that
// checks the steady state of decode and render.
namespace {
std::atomic<bool> counting_allocations{false};
std::atomic<size_t> allocation_count{0};
}  // namespace

void* operator new(size_t size) {
  if (counting_allocations) ++allocation_count;
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}

// GCC 12 reports free() of memory from operator new as a mismatch even
// though both are replaced here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void operator delete(void* block) noexcept { std::free(block); }

void operator delete(void* block, size_t) noexcept { ::operator delete(block); }
#endif

namespace {

constexpr size_t kMaxMessageSize = 1 << 20;

// Returns the lines of ws-frames.txt split on '\n' bytes only, or an empty
// vector (with a message) when MASTOTAIL_CAPTURES is unset or lacks it.
std::vector<std::string> captured_frames() {
  const char* dir = std::getenv("MASTOTAIL_CAPTURES");
  std::filesystem::path path;
  if (dir != nullptr) path = std::filesystem::path(dir) / "ws-frames.txt";
  if (path.empty() || !std::filesystem::exists(path)) {
    MESSAGE("MASTOTAIL_CAPTURES is unset or has no ws-frames.txt; skipped");
    return {};
  }

  std::ifstream file(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(file)),
                   std::istreambuf_iterator<char>());
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Decodes `message` and renders it as NDJSON with the frame's own stream.
// Returns the output, or "" when the renderer appended nothing.
std::string to_ndjson(FrameDecoder& decoder, std::string_view message,
                      bool backfill = false) {
  auto frame = decoder.decode(message);
  REQUIRE_MESSAGE(frame.ok(), frame.error().message);

  EventContext event;
  event.frame = *frame;
  event.raw_message = message;
  event.stream_json = (*frame)->stream_json;
  event.backfill = backfill;

  std::string out;
  bool rendered = make_ndjson_renderer()->render(event, out);
  CHECK(rendered == !out.empty());
  return out;
}

bool is_strict_json(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  return parser.parse(padded).error() == simdjson::SUCCESS;
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(text, out);
  return out;
}

}  // namespace

TEST_CASE("json string escapes") {
  CHECK(json_string("") == R"("")");
  CHECK(json_string("plain") == R"("plain")");
  CHECK(json_string("say \"hi\" \\o/") == R"("say \"hi\" \\o/")");
  CHECK(json_string("a\nb\tc\rd") == R"("a\u000ab\u0009c\u000dd")");
  CHECK(json_string(std::string_view("nul\0\x1f\x7f", 6)) ==
        "\"nul\\u0000\\u001f\x7f\"");
}

TEST_CASE("json string keeps UTF-8") {
  const char* kept[] = {
      "Caf\xC3\xA9",      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
      "\xF0\x9F\x90\x98", "\xE2\x80\xA8\xE2\x80\xA9",
      "\xEF\xBF\xBD",     "\xF4\x8F\xBF\xBF",
  };
  for (const char* text : kept) {
    CAPTURE(std::string(text));
    CHECK(json_string(text) == "\"" + std::string(text) + "\"");
  }
}

TEST_CASE("json string replaces invalid UTF-8") {
  struct Case {
    const char* input;
    const char* output;
  };
  const Case cases[] = {
      {"a\xFF"
       "b",
       "\"a\xEF\xBF\xBD"
       "b\""},
      {"\xC3", "\"\xEF\xBF\xBD\""},
      {"\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xF4\x90\x80\x80",
       "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xE2\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    std::string out = json_string(c.input);
    CHECK(out == c.output);
    CHECK(is_strict_json(out));
  }
}

TEST_CASE("ndjson renders update") {
  FrameDecoder decoder(kMaxMessageSize);
  std::string line = to_ndjson(
      decoder, R"({"stream":["hashtag","Caf\u00e9"],"event":"update",)"
               R"("payload":"{\"id\":\"110988741790818968\",\"n\":1.5}"})");
  CHECK(line == R"({"event":"update","stream":["hashtag","Caf\u00e9"],)"
                R"("payload":{"id":"110988741790818968","n":1.5}})"
                "\n");
}

TEST_CASE("ndjson repairs lone surrogates") {
  FrameDecoder decoder(kMaxMessageSize);
  std::string line = to_ndjson(
      decoder, R"({"event":"update","payload":"[\"a\\ud800b\\\\ud800\"]"})");
  CHECK(line ==
        R"({"event":"update","stream":null,"payload":["a\ufffdb\\ud800"]})"
        "\n");
  CHECK(is_strict_json(line));
}

TEST_CASE("ndjson renders string payloads") {
  FrameDecoder decoder(kMaxMessageSize);
  CHECK(to_ndjson(decoder, R"({"stream":["user"],"event":"delete",)"
                           R"("payload":"9223372036854775807"})") ==
        R"({"event":"delete","stream":["user"],)"
        R"("payload":"9223372036854775807"})"
        "\n");
  CHECK(to_ndjson(decoder, R"({"event":"x","payload":"{bad"})") ==
        R"({"event":"x","stream":null,"payload":"{bad"})"
        "\n");
  CHECK(to_ndjson(decoder, R"({"event":"x","payload":""})") ==
        R"({"event":"x","stream":null,"payload":""})"
        "\n");
}

TEST_CASE("ndjson renders missing payload") {
  FrameDecoder decoder(kMaxMessageSize);
  CHECK(
      to_ndjson(decoder, R"({"stream":["user"],"event":"filters_changed"})") ==
      R"({"event":"filters_changed","stream":["user"],"payload":null})"
      "\n");
  CHECK(to_ndjson(decoder, R"({"event":"x","payload":null})") ==
        R"({"event":"x","stream":null,"payload":null})"
        "\n");
}

TEST_CASE("ndjson renders backfill last") {
  FrameDecoder decoder(kMaxMessageSize);
  CHECK(to_ndjson(decoder, R"({"event":"update","payload":"{}"})", true) ==
        R"({"event":"update","stream":null,"payload":{},"backfill":true})"
        "\n");
}

TEST_CASE("ndjson uses context stream") {
  FrameDecoder decoder(kMaxMessageSize);
  auto frame = decoder.decode(R"({"event":"delete","payload":"1"})");
  REQUIRE(frame.ok());

  EventContext event;
  event.frame = *frame;
  event.stream_json = R"(["public:local"])";
  std::string out = "kept ";
  CHECK(make_ndjson_renderer()->render(event, out));
  CHECK(out ==
        R"(kept {"event":"delete","stream":["public:local"],"payload":"1"})"
        "\n");
}

TEST_CASE("ndjson escapes event names") {
  FrameDecoder decoder(kMaxMessageSize);
  std::string line =
      to_ndjson(decoder, R"({"event":"a\"b\\c\u0001\u00e9","payload":"1"})");
  CHECK(line ==
        "{\"event\":\"a\\\"b\\\\c\\u0001\xC3\xA9\",\"stream\":null,"
        "\"payload\":\"1\"}\n");
  CHECK(is_strict_json(line));
}

TEST_CASE("ndjson skips errors and other frames") {
  FrameDecoder decoder(kMaxMessageSize);
  CHECK(to_ndjson(decoder, R"({"error":"Unknown stream type","status":400})")
            .empty());
  CHECK(to_ndjson(decoder, R"({"type":"subscribe"})").empty());

  EventContext no_frame;
  std::string out;
  CHECK_FALSE(make_ndjson_renderer()->render(no_frame, out));
  CHECK(out.empty());
}

TEST_CASE("raw renders every frame") {
  FrameDecoder decoder(kMaxMessageSize);
  const char* messages[] = {
      R"({"error":"Unknown stream type","status":400})",
      R"({"stream":["user"],"event":"delete","payload":"1"})",
      R"({"type":"subscribe"})",
  };
  auto renderer = make_raw_renderer();
  std::string out;
  for (const char* message : messages) {
    auto frame = decoder.decode(message);
    REQUIRE(frame.ok());
    EventContext event;
    event.frame = *frame;
    event.raw_message = message;
    CHECK(renderer->render(event, out));
  }
  CHECK(out == std::string(messages[0]) + "\n" + messages[1] + "\n" +
                   messages[2] + "\n");
}

TEST_CASE("ndjson round trips") {
  FrameDecoder decoder(kMaxMessageSize);
  FrameDecoder replay(kMaxMessageSize);
  const char* messages[] = {
      R"({"stream":["list","1"],"event":"status.update",)"
      R"("payload":"{\"id\":\"9223372036854775807\",)"
      R"(\"a\":[1.5e300,\"\\ud800\"]}"})",
      R"({"stream":["user"],"event":"delete","payload":"110988741790818968"})",
      R"({"event":"x","payload":"say \"hi\"\n\\ud800 {bad"})",
      R"({"stream":["user"],"event":"filters_changed"})",
      R"({"stream":["a","b","c","d","e"],"event":"x","payload":"[]"})",
  };
  for (const char* message : messages) {
    CAPTURE(std::string(message));
    std::string line = to_ndjson(decoder, message, true);
    CHECK(is_strict_json(line));
    auto original = decoder.decode(message);
    REQUIRE(original.ok());
    auto copy = replay.decode(line);
    REQUIRE_MESSAGE(copy.ok(), copy.error().message);
    const Frame& a = **original;
    const Frame& b = **copy;

    CHECK(b.type == FrameType::kEvent);
    CHECK(b.event == a.event);
    CHECK(b.stream_json == a.stream_json);
    CHECK(b.stream_size == a.stream_size);
    for (size_t i = 0; i < a.stream_size; ++i) {
      CHECK(b.stream[i] == a.stream[i]);
    }
    bool missing = a.payload_type == PayloadType::kMissing;
    CHECK(b.payload_type == (missing ? PayloadType::kNull : a.payload_type));
    CHECK(b.payload == a.payload);
    CHECK(b.payload_json == a.payload_json);
    CHECK(b.backfill);
  }
}

TEST_CASE("ndjson of captured frames") {
  std::vector<std::string> frames = captured_frames();
  if (frames.empty()) return;

  FrameDecoder decoder(kMaxMessageSize);
  FrameDecoder replay(kMaxMessageSize);
  size_t events = 0;
  size_t json_payloads = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    CAPTURE(i + 1);
    std::string line = to_ndjson(decoder, frames[i]);
    if (line.empty()) continue;
    ++events;
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    CHECK(is_strict_json(line));

    auto original = decoder.decode(frames[i]);
    REQUIRE(original.ok());
    auto copy = replay.decode(line);
    REQUIRE_MESSAGE(copy.ok(), copy.error().message);
    CHECK((*copy)->event == (*original)->event);
    CHECK((*copy)->stream_json == (*original)->stream_json);
    CHECK((*copy)->payload_type == (*original)->payload_type);
    CHECK((*copy)->payload == (*original)->payload);
    if ((*original)->payload_type == PayloadType::kJson) ++json_payloads;
  }
  CHECK(events == 99);
  // Every event but 7 deletes and 1 notifications_merged carries JSON.
  CHECK(json_payloads == 91);
}

#if MASTOTAIL_COUNT_ALLOCATIONS
TEST_CASE("decode and render allocate nothing") {
  std::vector<std::string> frames = captured_frames();
  if (frames.empty()) {
    frames = {
        R"({"stream":["public"],"event":"update","payload":"{\"id\":\"1\",)"
        R"(\"content\":\"<p>caf\u00e9 \\ud800</p>\",\"a\":[1,2.5,null]}"})",
        R"({"stream":["user"],"event":"delete","payload":"1"})",
        R"({"error":"Unknown stream type","status":400})",
    };
  }

  FrameDecoder decoder(kMaxMessageSize);
  auto renderer = make_ndjson_renderer();
  std::string out;
  out.reserve(1 << 16);
  auto decode_and_render = [&](const std::string& message) {
    auto frame = decoder.decode(message);
    REQUIRE(frame.ok());
    EventContext event;
    event.frame = *frame;
    event.raw_message = message;
    event.stream_json = (*frame)->stream_json;
    out.clear();
    renderer->render(event, out);
  };

  for (const std::string& message : frames) decode_and_render(message);

  counting_allocations = true;
  std::string probe(100, 'x');
  counting_allocations = false;
  REQUIRE_MESSAGE(allocation_count == 1, "the allocation counter is broken");
  allocation_count = 0;

  counting_allocations = true;
  for (size_t i = 0; i < 1000; ++i) {
    decode_and_render(frames[i % frames.size()]);
  }
  counting_allocations = false;
  CHECK(allocation_count == 0);
}
#endif
