#include "decode/frame.h"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "decode/json_surrogates.h"
#include "decode/json_validate.h"

using mastotail::ErrorKind;
using mastotail::decode::Frame;
using mastotail::decode::FrameDecoder;
using mastotail::decode::FrameType;
using mastotail::decode::JsonTextValidator;
using mastotail::decode::PayloadType;
using mastotail::decode::replace_lone_surrogates;
using mastotail::decode::ValidatedJson;

namespace {

constexpr size_t kMaxMessageSize = 1 << 20;

// Returns the lines of a file split on '\n' bytes only, or an empty vector
// when the file cannot be read.
std::vector<std::string> read_lines(const std::filesystem::path& path) {
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

// Returns the capture directory, or an empty path (with a message) when
// MASTOTAIL_CAPTURES is unset or does not hold the WebSocket capture.
std::filesystem::path captures_dir() {
  const char* dir = std::getenv("MASTOTAIL_CAPTURES");
  if (dir == nullptr ||
      !std::filesystem::exists(std::filesystem::path(dir) / "ws-frames.txt")) {
    MESSAGE("MASTOTAIL_CAPTURES is unset or has no ws-frames.txt; skipped");
    return {};
  }
  return dir;
}

std::string repaired(std::string text) {
  replace_lone_surrogates(text.data(), text.size());
  return text;
}

const Frame& decode_ok(FrameDecoder& decoder, std::string_view message) {
  static const Frame kEmpty;
  auto result = decoder.decode(message);
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  return result.ok() ? **result : kEmpty;
}

std::string decode_error(FrameDecoder& decoder, std::string_view message) {
  auto result = decoder.decode(message);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kProtocol);
  return result.error().message;
}

// Returns the "id" string of a JSON object, or "" when absent.
std::string id_of(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  std::string_view id;
  if (parser.parse(padded)["id"].get(id) != simdjson::SUCCESS) return "";
  return std::string(id);
}

std::string nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

TEST_CASE("lone surrogates are replaced") {
  CHECK(repaired(R"("\ud800")") == R"("\ufffd")");
  CHECK(repaired(R"("a\uDBFFb")") == R"("a\ufffdb")");
  CHECK(repaired(R"("\udc00")") == R"("\ufffd")");
  CHECK(repaired(R"("\ud800\ud800\udc00")") == R"("\ufffd\ud800\udc00")");
  CHECK(repaired(R"("\ud83d\ude00\ude00")") == R"("\ud83d\ude00\ufffd")");
  CHECK(repaired(R"("\ud800\u0041")") == R"("\ufffd\u0041")");
  CHECK(repaired(R"("\\\ud800")") == R"("\\\ufffd")");
  CHECK(repaired(R"(\ud800)") == R"(\ufffd)");
}

TEST_CASE("surrogate repair keeps other text") {
  CHECK(repaired(R"("\\ud800")") == R"("\\ud800")");
  CHECK(repaired(R"("\\\\ud800")") == R"("\\\\ud800")");
  CHECK(repaired(R"("\ud83d\ude00")") == R"("\ud83d\ude00")");
  CHECK(repaired(R"("\uD83D\uDE00")") == R"("\uD83D\uDE00")");
  CHECK(repaired(R"("\u00e9\ud7ff\ue000")") == R"("\u00e9\ud7ff\ue000")");
  CHECK(repaired(R"("\ud8")") == R"("\ud8")");
  CHECK(repaired(R"(\ud80)") == R"(\ud80)");
  CHECK(repaired("\\") == "\\");
  CHECK(repaired("") == "");
}

TEST_CASE("validator accepts valid JSON") {
  JsonTextValidator validator;
  const char* valid[] = {
      "{}",
      "[]",
      " {\"a\" : [1, -0.5e+10, 1E400, true, false, null, \"x\"]} ",
      "[\"\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
      "[\"\xE2\x80\xA8\"]",
      "[9223372036854775807, 18446744073709551616, 1e-999]",
      "{\"a\":{\"b\":{\"c\":[]}}}",
  };
  for (const char* text : valid) {
    CAPTURE(std::string(text));
    CHECK(validator.validate(text).error == simdjson::SUCCESS);
  }
  CHECK(validator.validate(nested(256)).error == simdjson::SUCCESS);
  CHECK(validator.validate(" [1] \n").text == "[1]");
}

TEST_CASE("validator rejects invalid JSON") {
  JsonTextValidator validator;
  const char* invalid[] = {
      "{",          "[1,]",      "[,1]",
      "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}",
      "[1 2]",      "{1:2}",     "[01]",
      "[1.]",       "[.5]",      "[-]",
      "[1e]",       "[+1]",      "[tru]",
      "[truex]",    "[nul]",     "[NaN]",
      "[Infinity]", "[\"\\x\"]", "[\"\\u12\"]",
      "{} x",       "[] []",     "[\"a\tb\"]",
      "{\"a\":}",   "[\"abc]",   "\xEF\xBB\xBF[]",
      "[\"\xFF\"]", "x",         "",
      "\"x\"",      "1",
  };
  for (const char* text : invalid) {
    CAPTURE(std::string(text));
    CHECK(validator.validate(text).error != simdjson::SUCCESS);
  }
  CHECK(validator.validate(nested(257)).error == simdjson::DEPTH_ERROR);
}

TEST_CASE("validator keeps depth limit after growing") {
  // The DOM parser takes texts of up to 127 nested containers; deeper ones
  // take the walk, which leaves no parsed document.
  auto arrays = [](size_t depth) {
    return std::string(depth, '[') + "1" + std::string(depth, ']');
  };
  JsonTextValidator validator;
  std::string large = "[\"" + std::string(100000, 'x') + "\"]";
  CHECK(validator.validate(large).error == simdjson::SUCCESS);

  ValidatedJson shallow = validator.validate(arrays(127));
  CHECK(shallow.error == simdjson::SUCCESS);
  CHECK(shallow.parsed != nullptr);
  ValidatedJson deep = validator.validate(arrays(128));
  CHECK(deep.error == simdjson::SUCCESS);
  CHECK(deep.parsed == nullptr);
  CHECK(validator.validate(nested(257)).error == simdjson::DEPTH_ERROR);
  CHECK(validator.validate(nested(256)).error == simdjson::SUCCESS);
}

TEST_CASE("validator reads ids beside out-of-range numbers") {
  // simdjson's DOM rejects 1e400, so this text takes the On-Demand walk.
  JsonTextValidator validator;
  auto json = validator.validate(
      R"({"n":1e400,"id":"5","created_at":"t","edited_at":"e",)"
      R"("last_status":{"id":"6","created_at":"u","n":-1e999}})");
  REQUIRE(json.error == simdjson::SUCCESS);
  CHECK(json.ids.id == "5");
  CHECK(json.ids.created_at == "t");
  CHECK(json.ids.edited_at == "e");
  CHECK(json.ids.last_status_id == "6");
  CHECK(json.ids.last_status_created_at == "u");
}

TEST_CASE("validator counts only containers as depth") {
  // jq 1.6 accepts a number inside 256 nested arrays and rejects 257.
  JsonTextValidator validator;
  std::string arrays = std::string(256, '[') + "1" + std::string(256, ']');
  CHECK(validator.validate(arrays).error == simdjson::SUCCESS);

  std::string deeper = std::string(257, '[') + "1" + std::string(257, ']');
  CHECK(validator.validate(deeper).error == simdjson::DEPTH_ERROR);
}

TEST_CASE("validator counts objects twice as jq does") {
  // jq 1.6 accepts 128 nested objects and rejects 129, and rejects an
  // array inside 128 objects.
  auto objects = [](int count, std::string_view inner) {
    std::string text;
    for (int i = 0; i < count; ++i) text += R"({"a":)";
    return text + std::string(inner) + std::string(count, '}');
  };
  JsonTextValidator validator;
  CHECK(validator.validate(objects(128, "1")).error == simdjson::SUCCESS);
  CHECK(validator.validate(objects(129, "1")).error == simdjson::DEPTH_ERROR);
  CHECK(validator.validate(objects(128, "[]")).error == simdjson::DEPTH_ERROR);
  CHECK(validator.validate(objects(127, "[]")).error == simdjson::SUCCESS);

  // Below 128 nested containers the DOM parser accepts the text.
  auto shallow = validator.validate(objects(127, "1"));
  REQUIRE(shallow.error == simdjson::SUCCESS);
  CHECK(shallow.parsed != nullptr);
}

TEST_CASE("validator ids agree on both paths") {
  // The last occurrence of a duplicate key wins, also when it is not a
  // string. The 1e400 makes the DOM parser reject the text, so the
  // On-Demand walk reads the ids.
  const char* texts[] = {
      R"({"id":"1","id":"2","created_at":"a","created_at":null)",
      R"({"id":"1","id":2,"created_at":"a","created_at":"b")",
      R"({"last_status":{"id":"1","id":null,"created_at":"c"})",
  };
  for (const char* text : texts) {
    CAPTURE(std::string(text));
    JsonTextValidator dom_validator;
    auto dom = dom_validator.validate(std::string(text) + "}");
    REQUIRE(dom.error == simdjson::SUCCESS);
    CHECK(dom.parsed != nullptr);

    JsonTextValidator walk_validator;
    auto walk = walk_validator.validate(std::string(text) + R"(,"n":1e400})");
    REQUIRE(walk.error == simdjson::SUCCESS);
    CHECK(walk.parsed == nullptr);

    CHECK(dom.ids.id == walk.ids.id);
    CHECK(dom.ids.created_at == walk.ids.created_at);
    CHECK(dom.ids.last_status_id == walk.ids.last_status_id);
    CHECK(dom.ids.last_status_created_at == walk.ids.last_status_created_at);
  }

  JsonTextValidator validator;
  auto json = validator.validate(R"({"id":"1","id":2,"n":1e400})");
  REQUIRE(json.error == simdjson::SUCCESS);
  CHECK(json.ids.id.empty());
}

TEST_CASE("decode keeps parsed payload") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame = decode_ok(
      decoder, R"({"event":"update","payload":"{\"id\":\"8\",\"n\":2}"})");
  REQUIRE(frame.parsed != nullptr);
  std::string_view id;
  CHECK(frame.parsed->root["id"].get(id) == simdjson::SUCCESS);
  CHECK(id == "8");

  const Frame& wide = decode_ok(
      decoder, R"({"event":"update","payload":"{\"id\":\"9\",\"n\":1e400}"})");
  CHECK(wide.parsed == nullptr);
  CHECK(wide.payload_type == PayloadType::kJson);
  CHECK(wide.ids.id == "9");

  const Frame& deletion =
      decode_ok(decoder, R"({"event":"delete","payload":"10"})");
  CHECK(deletion.parsed == nullptr);
}

TEST_CASE("decode Mastodon update envelope") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame = decode_ok(
      decoder, R"({"stream":["hashtag","Caf\u00e9"],"event":"update",)"
               R"("payload":"{\"id\":\"110988741790818968\",\"n\":1}"})");
  CHECK(frame.type == FrameType::kEvent);
  CHECK(frame.event == "update");
  CHECK(frame.has_stream);
  REQUIRE(frame.stream_size == 2);
  CHECK(frame.stream[0] == "hashtag");
  CHECK(frame.stream[1] == "Caf\xC3\xA9");
  CHECK(frame.stream_json == R"(["hashtag","Caf\u00e9"])");
  CHECK(frame.payload_type == PayloadType::kJson);
  CHECK(frame.payload == R"({"id":"110988741790818968","n":1})");
  CHECK_FALSE(frame.backfill);
}

TEST_CASE("decode accepts any key order") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame = decode_ok(
      decoder,
      R"( { "payload" : "[1, 2]" , "event" : "x" , "stream" : [ "user" ] } )");
  CHECK(frame.type == FrameType::kEvent);
  CHECK(frame.event == "x");
  CHECK(frame.stream_json == R"([ "user" ])");
  CHECK(frame.payload_type == PayloadType::kJson);
  CHECK(frame.payload == "[1, 2]");
}

TEST_CASE("decode string payloads") {
  FrameDecoder decoder(kMaxMessageSize);
  struct Case {
    const char* message;
    const char* payload;
    const char* payload_json;
  };
  const Case cases[] = {
      {R"({"stream":["user"],"event":"delete","payload":"110988741790818968"})",
       "110988741790818968", R"("110988741790818968")"},
      {R"({"event":"delete","payload":"9223372036854775807"})",
       "9223372036854775807", R"("9223372036854775807")"},
      {R"({"event":"notifications_merged","payload":"1"})", "1", R"("1")"},
      {R"({"event":"filters_changed","payload":""})", "", R"("")"},
      {R"({"event":"filters_changed","payload":"undefined"})", "undefined",
       R"("undefined")"},
      {R"({"event":"x","payload":"{bad"})", "{bad", R"("{bad")"},
      {R"({"event":"x","payload":"[1,]"})", "[1,]", R"("[1,]")"},
      {R"({"event":"x","payload":"{\"a\":1} x"})", "{\"a\":1} x",
       R"("{\"a\":1} x")"},
      {R"({"event":"x","payload":"[\"a\tb\"]"})", "[\"a\tb\"]",
       R"("[\"a\tb\"]")"},
      {R"({"event":"x","payload":"say \"hi\"\n"})", "say \"hi\"\n",
       R"("say \"hi\"\n")"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.message));
    const Frame& frame = decode_ok(decoder, c.message);
    CHECK(frame.type == FrameType::kEvent);
    CHECK(frame.payload_type == PayloadType::kString);
    CHECK(frame.payload == c.payload);
    CHECK(frame.payload_json == c.payload_json);
  }
}

TEST_CASE("decode missing and null payload") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& missing =
      decode_ok(decoder, R"({"stream":["user"],"event":"filters_changed"})");
  CHECK(missing.type == FrameType::kEvent);
  CHECK(missing.payload_type == PayloadType::kMissing);

  const Frame& null = decode_ok(decoder, R"({"event":"x","payload":null})");
  CHECK(null.payload_type == PayloadType::kNull);
}

TEST_CASE("decode frame without stream") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame =
      decode_ok(decoder, R"({"event":"delete","payload":"42"})");
  CHECK(frame.type == FrameType::kEvent);
  CHECK_FALSE(frame.has_stream);
  CHECK(frame.stream_size == 0);
  CHECK(frame.stream_json.empty());

  const Frame& null_stream =
      decode_ok(decoder, R"({"event":"delete","stream":null})");
  CHECK_FALSE(null_stream.has_stream);
}

TEST_CASE("decode stream variants") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& text = decode_ok(decoder, R"({"event":"x","stream":"user"})");
  CHECK(text.has_stream);
  REQUIRE(text.stream_size == 1);
  CHECK(text.stream[0] == "user");
  CHECK(text.stream_json == R"(["user"])");

  const Frame& many =
      decode_ok(decoder, R"({"event":"x","stream":["a","b","c","d","e"]})");
  CHECK(many.stream_size == 4);
  CHECK(many.stream[3] == "d");
  CHECK(many.stream_json == R"(["a","b","c","d","e"])");

  const Frame& empty = decode_ok(decoder, R"({"event":"x","stream":[]})");
  CHECK(empty.has_stream);
  CHECK(empty.stream_size == 0);
  CHECK(empty.stream_json == "[]");

  CHECK(decode_error(decoder, R"({"event":"x","stream":["a",1]})")
            .find("\"stream\"") != std::string::npos);
  CHECK(decode_error(decoder, R"({"event":"x","stream":{}})")
            .find("\"stream\"") != std::string::npos);
  decode_error(decoder, R"({"event":"x","stream":["a",]})");
  decode_error(decoder, R"({"event":"x","stream":["a" "b"]})");
  decode_error(decoder, R"({"event":"x","stream":["\x"]})");
}

TEST_CASE("decode error frames") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame =
      decode_ok(decoder, R"({"error":"Unknown stream type","status":400})");
  CHECK(frame.type == FrameType::kError);
  CHECK(frame.error == "Unknown stream type");
  CHECK(frame.error_status == 400);

  const Frame& no_status =
      decode_ok(decoder, R"({"error":"Error unsubscribing from channel"})");
  CHECK(no_status.type == FrameType::kError);
  CHECK(no_status.error == "Error unsubscribing from channel");
  CHECK(no_status.error_status == 0);

  const Frame& odd_status =
      decode_ok(decoder, R"({"error":"x","status":"400"})");
  CHECK(odd_status.error_status == 0);

  CHECK(
      decode_error(decoder, R"({"error":{"message":"x"}})").find("\"error\"") !=
      std::string::npos);
}

TEST_CASE("decode event wins over error") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame = decode_ok(decoder, R"({"error":"x","event":"update"})");
  CHECK(frame.type == FrameType::kEvent);
}

TEST_CASE("decode other objects") {
  FrameDecoder decoder(kMaxMessageSize);
  CHECK(decode_ok(decoder, "{}").type == FrameType::kOther);
  CHECK(decode_ok(decoder, R"({"type":"subscribe","stream":"user"})").type ==
        FrameType::kOther);
  CHECK(decode_ok(decoder, R"({"unknown":{"a":[1,2,{"b":null}]}})").type ==
        FrameType::kOther);
}

TEST_CASE("decode NDJSON lines") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& object = decode_ok(
      decoder,
      R"({"event":"update","stream":["user"],"payload":{"id":"1","a":[]},)"
      R"("backfill":true})");
  CHECK(object.type == FrameType::kEvent);
  CHECK(object.payload_type == PayloadType::kJson);
  CHECK(object.payload == R"({"id":"1","a":[]})");
  CHECK(object.stream_json == R"(["user"])");
  CHECK(object.backfill);

  const Frame& array =
      decode_ok(decoder, R"({"event":"x","stream":null,"payload":[1, 2] })");
  CHECK(array.payload_type == PayloadType::kJson);
  CHECK(array.payload == "[1, 2]");
  CHECK_FALSE(array.backfill);

  const Frame& not_backfill =
      decode_ok(decoder, R"({"event":"x","backfill":false})");
  CHECK_FALSE(not_backfill.backfill);
  CHECK_FALSE(decode_ok(decoder, R"({"event":"x","backfill":1})").backfill);
}

TEST_CASE("decode number payload as string") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame =
      decode_ok(decoder, R"({"event":"delete","payload":110988741790818968})");
  CHECK(frame.payload_type == PayloadType::kString);
  CHECK(frame.payload == "110988741790818968");
  CHECK(frame.payload_json == R"("110988741790818968")");

  const Frame& big =
      decode_ok(decoder, R"({"event":"delete","payload":9223372036854775807})");
  CHECK(big.payload == "9223372036854775807");
}

TEST_CASE("decode keeps ids byte-exact") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& frame = decode_ok(
      decoder,
      R"({"event":"update","payload":"{\"id\":\"9223372036854775807\",)"
      R"(\"n\":110988741790818968}"})");
  CHECK(frame.payload ==
        R"({"id":"9223372036854775807","n":110988741790818968})");
}

TEST_CASE("decode lone surrogate payload") {
  FrameDecoder decoder(kMaxMessageSize);
  const Frame& inner = decode_ok(
      decoder,
      R"({"event":"update","payload":"{\"a\":\"x\\ud800y\\\\ud800\"}"})");
  CHECK(inner.payload_type == PayloadType::kJson);
  CHECK(inner.payload == R"({"a":"x\ufffdy\\ud800"})");

  const Frame& outer =
      decode_ok(decoder, R"({"event":"x\udc00","payload":"\ud800"})");
  CHECK(outer.event == "x\xEF\xBF\xBD");
  CHECK(outer.payload_type == PayloadType::kString);
  CHECK(outer.payload == "\xEF\xBF\xBD");
  CHECK(outer.payload_json == R"("\ufffd")");

  const Frame& line =
      decode_ok(decoder, R"({"event":"x","payload":{"a":"\ud800"}})");
  CHECK(line.payload == R"({"a":"\ufffd"})");
}

TEST_CASE("decode rejects malformed messages") {
  FrameDecoder decoder(kMaxMessageSize);
  const char* malformed[] = {
      R"({"event":"update","payload":"{)",
      R"({"event":"update","payload":"{}")",
      R"({"event":"update",)",
      R"({"event":"update"} x)",
      R"({"event":"update"}{})",
      R"({"event":"update" "payload":"1"})",
      R"({"event":"update","x":tru})",
      R"({"event":"update","x":01})",
      R"({"event":"update","payload":{"a":}})",
      R"({"event":"update","payload":[1,]})",
      R"({"event":"\x"})",
      "{\"event\":\"a\tb\"}",
      "hello",
      "[1,2]",
      "\"text\"",
      "42",
      "null",
      " ",
      "\xEF\xBB\xBF{}",
  };
  for (const char* message : malformed) {
    CAPTURE(std::string(message));
    decode_error(decoder, message);
  }
  CHECK(decode_error(decoder, "[1,2]").find("not an object") !=
        std::string::npos);
  CHECK(decode_error(decoder, "") ==
        "invalid message: empty, expected a "
        "JSON object");
  CHECK(decode_error(decoder, R"({"event":7})").find("\"event\"") !=
        std::string::npos);
  CHECK(decode_error(decoder, std::string("{\"event\":\"x\"}\0", 14))
            .find("JSON") != std::string::npos);
}

TEST_CASE("decode rejects invalid UTF-8") {
  FrameDecoder decoder(kMaxMessageSize);
  const char* invalid[] = {
      "{\"event\":\"update\",\"payload\":\"\xFF\"}",
      "{\"event\":\"\xC3\"}",
      "{\"event\":\"\xED\xA0\x80\"}",
      "{\"event\":\"\xC0\xAF\"}",
  };
  for (const char* message : invalid) {
    CAPTURE(std::string(message));
    CHECK(decode_error(decoder, message).find("UTF-8") != std::string::npos);
  }
}

TEST_CASE("decode rejects oversized message") {
  FrameDecoder decoder(64);
  std::string message =
      R"({"event":"x","payload":")" + std::string(60, 'a') + "\"}";
  CHECK(decode_error(decoder, message).find("maximum message size") !=
        std::string::npos);
  decode_ok(decoder, R"({"event":"x"})");
}

TEST_CASE("decode deeply nested payloads") {
  FrameDecoder decoder(kMaxMessageSize);
  std::string deep_string =
      R"({"event":"x","payload":")" + nested(5000) + "\"}";
  const Frame& as_string = decode_ok(decoder, deep_string);
  CHECK(as_string.payload_type == PayloadType::kString);
  CHECK(as_string.payload == nested(5000));

  std::string max_string = R"({"event":"x","payload":")" + nested(256) + "\"}";
  CHECK(decode_ok(decoder, max_string).payload_type == PayloadType::kJson);

  std::string deep_object = R"({"event":"x","payload":)" + nested(5000) + "}";
  CHECK(decode_error(decoder, deep_object).size() > 0);

  std::string deep_unknown = R"({"event":"x","y":)" + nested(100000) + "}";
  CHECK(decode_error(decoder, deep_unknown).size() > 0);
}

TEST_CASE("decoder recovers after errors") {
  FrameDecoder decoder(kMaxMessageSize);
  decode_error(decoder, R"({"event":)");
  const Frame& frame = decode_ok(decoder, R"({"event":"update"})");
  CHECK(frame.event == "update");
  CHECK(frame.type == FrameType::kEvent);
}

TEST_CASE("decode captured WebSocket frames") {
  std::filesystem::path dir = captures_dir();
  if (dir.empty()) return;
  std::vector<std::string> frames = read_lines(dir / "ws-frames.txt");
  std::vector<std::string> index = read_lines(dir / "ws-frames.index.jsonl");
  REQUIRE(frames.size() == 105);
  REQUIRE(index.size() == frames.size());

  FrameDecoder decoder(kMaxMessageSize);
  simdjson::dom::parser index_parser;
  for (size_t i = 0; i < frames.size(); ++i) {
    CAPTURE(i + 1);
    const Frame& frame = decode_ok(decoder, frames[i]);
    simdjson::dom::element expected = index_parser.parse(index[i]);

    if (std::string_view(expected["kind"]) == "error") {
      CHECK(frame.type == FrameType::kError);
      CHECK(frame.error == std::string_view(expected["error"]));
      int64_t status = 0;
      if (expected["status"].get(status) != simdjson::SUCCESS) status = 0;
      CHECK(frame.error_status == status);
      continue;
    }

    REQUIRE(frame.type == FrameType::kEvent);
    CHECK(frame.event == std::string_view(expected["event"]));
    CHECK(frame.has_stream);
    simdjson::dom::array stream = expected["stream"];
    REQUIRE(frame.stream_size == stream.size());
    for (size_t j = 0; j < frame.stream_size; ++j) {
      CHECK(frame.stream[j] == std::string_view(stream.at(j)));
    }

    std::string_view id = expected["id"];
    if (frame.event == "delete" || frame.event == "notifications_merged") {
      CHECK(frame.payload_type == PayloadType::kString);
      CHECK(frame.payload == id);
    } else {
      REQUIRE(frame.payload_type == PayloadType::kJson);
      CHECK(id_of(frame.payload) == id);
    }
  }
}

TEST_CASE("decode captured lone surrogate") {
  std::filesystem::path dir = captures_dir();
  if (dir.empty()) return;

  FrameDecoder decoder(kMaxMessageSize);
  size_t found = 0;
  for (const std::string& message : read_lines(dir / "ws-frames.txt")) {
    if (message.find(R"(lone[\\ud800])") == std::string::npos) continue;
    ++found;
    const Frame& frame = decode_ok(decoder, message);
    REQUIRE(frame.payload_type == PayloadType::kJson);
    CHECK(frame.payload.find(R"(lone[\ufffd])") != std::string_view::npos);

    simdjson::dom::parser strict;
    simdjson::padded_string padded(frame.payload);
    CHECK(strict.parse(padded).error() == simdjson::SUCCESS);
  }
  CHECK(found == 2);
}

TEST_CASE("decode reads payload ids while validating") {
  mastotail::decode::FrameDecoder ids_decoder(1 << 20);
  auto frame = ids_decoder.decode(
      R"({"stream":["direct"],"event":"conversation","payload":)"
      R"("{\"accounts\":[{\"id\":\"9\"}],\"id\":\"7\",)"
      R"(\"last_status\":{\"id\":\"110\",\"created_at\":\"t1\",)"
      R"(\"account\":{\"id\":\"3\"}},\"created_at\":\"t0\",)"
      R"(\"edited_at\":null}"})");
  REQUIRE(frame.ok());
  const auto& ids = (*frame)->ids;
  CHECK(ids.id == "7");
  CHECK(ids.created_at == "t0");
  CHECK(ids.edited_at.empty());
  CHECK(ids.last_status_id == "110");
  CHECK(ids.last_status_created_at == "t1");

  auto deletion = ids_decoder.decode(R"({"stream":["public"],"event":"delete",)"
                                     R"("payload":"110"})");
  REQUIRE(deletion.ok());
  CHECK((*deletion)->ids.id.empty());
}
