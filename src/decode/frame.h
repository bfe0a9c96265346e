// Decoding of one streaming message (a WebSocket text message, an SSE event
// turned into the same envelope, or one line of a replayed NDJSON file).
//
// This module is the only one that includes simdjson. It accepts:
//   - Mastodon envelopes: {"stream":[...],"event":"update","payload":"..."}
//     where the payload is a JSON string that may hold JSON text;
//   - mastotail's own NDJSON lines, where the payload is already an object,
//     an array, a string or null, and "backfill":true may follow;
//   - error frames: {"error":"Unknown stream type","status":400}.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>

#include "decode/event_ids.h"
#include "util/result.h"

namespace mastotail::decode {

struct ParsedJson;  // decode/json_validate.h

enum class FrameType {
  kEvent,  // has an "event" key
  kError,  // has an "error" key and no "event" key
  kOther,  // valid JSON object with neither; callers skip it
};

enum class PayloadType {
  kMissing,  // no "payload" key (old filters_changed)
  kNull,     // "payload":null
  kJson,     // payload holds a JSON object or array (see Frame::payload)
  kString,   // any other payload: a delete id, "1", text that is not JSON
};

// Maximum number of elements kept from a "stream" array; Mastodon sends at
// most two. Extra elements are still present in stream_json.
inline constexpr size_t kMaxStreamElements = 4;

// One decoded message. Every view points into the decoder's own buffers or
// into the input and stays valid until the next decode() on that decoder.
struct Frame {
  FrameType type = FrameType::kOther;

  std::string_view event;  // unescaped event name

  bool has_stream = false;  // false when the frame had no "stream" key
  std::array<std::string_view, kMaxStreamElements> stream{};  // unescaped
  size_t stream_size = 0;
  std::string_view stream_json;  // the array as JSON text, for NDJSON

  PayloadType payload_type = PayloadType::kMissing;
  // kJson: strict JSON text of the object or array, with every escaped lone
  // surrogate (\ud800 without its pair) replaced by \ufffd, so that strict
  // parsers such as jq accept it. kString: the unescaped string value.
  std::string_view payload;
  // kString: the payload as a JSON string literal, quotes included, ready to
  // be written to NDJSON.
  std::string_view payload_json;

  // kJson objects: the payload's identifiers (see EventIds), read while
  // the payload was validated.
  EventIds ids;
  // kJson: the payload as parsed while it was validated, or nullptr when
  // only the slower validation accepted it (see JsonTextValidator).
  const ParsedJson* parsed = nullptr;

  bool backfill = false;  // a replayed NDJSON line carried "backfill":true

  std::string_view error;  // kError: unescaped message
  int error_status = 0;    // kError: "status", 0 when absent
};

// Decodes messages with reused buffers: no heap allocation per message once
// the buffers have grown to the largest message seen.
class FrameDecoder {
 public:
  // Messages longer than `max_message_size` bytes are rejected.
  explicit FrameDecoder(size_t max_message_size);
  ~FrameDecoder();
  FrameDecoder(const FrameDecoder&) = delete;
  FrameDecoder& operator=(const FrameDecoder&) = delete;

  // Decodes one complete message. Fails with ErrorKind::kProtocol and a
  // message naming the problem (not JSON, not an object, payload not valid
  // JSON, too large). The returned pointer stays valid until the next call.
  //
  // Lenient cases: a "stream" that is a string becomes a one-element array
  // and a null one counts as missing. A number or boolean payload becomes
  // kString with its text, so ids stay byte-exact. A payload string whose
  // JSON text is invalid or nested deeper than 256 levels stays kString.
  // An escaped lone surrogate anywhere in the message decodes to U+FFFD.
  Result<const Frame*> decode(std::string_view message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mastotail::decode
