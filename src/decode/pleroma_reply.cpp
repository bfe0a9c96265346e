#include "decode/pleroma_reply.h"

#include <string.h>

#include <simdjson.h>

namespace mastotail::decode {
namespace {

constexpr std::string_view kEvent = "pleroma:respond";

std::string string_member(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

// Bytes at each end of a long message that may_be_reply() searches.
constexpr size_t kReplyWindow = 512;

bool contains_event(std::string_view text) {
  return memmem(text.data(), text.size(), kEvent.data(), kEvent.size()) !=
         nullptr;
}

// A cheap test before parsing, because it runs on every message: a reply
// contains only "event" and a short "payload", so in a long message (a
// status, 3 KiB on average) the event name can only be near either end.
// NOTE: a long message whose "event" is neither in its first nor in its
// last 512 bytes is not recognised as a reply.
bool may_be_reply(std::string_view message) {
  if (message.size() <= 2 * kReplyWindow) return contains_event(message);
  return contains_event(message.substr(0, kReplyWindow)) ||
         contains_event(message.substr(message.size() - kReplyWindow));
}

}  // namespace

std::optional<PleromaReply> decode_pleroma_reply(std::string_view message) {
  if (!may_be_reply(message)) return std::nullopt;

  simdjson::dom::parser parser;
  simdjson::dom::object frame;
  if (parser.parse(message.data(), message.size()).get(frame) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::string_view event;
  std::string_view payload;
  if (frame["event"].get(event) != simdjson::SUCCESS || event != kEvent ||
      frame["payload"].get(payload) != simdjson::SUCCESS) {
    return std::nullopt;
  }

  // The payload is a string holding JSON, parsed with a second parser
  // because `payload` points into the first one's buffers.
  simdjson::dom::parser inner_parser;
  simdjson::dom::object body;
  if (inner_parser.parse(payload.data(), payload.size()).get(body) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  PleromaReply reply;
  reply.result = string_member(body, "result");
  reply.type = string_member(body, "type");
  reply.error = string_member(body, "error");
  return reply;
}

}  // namespace mastotail::decode
