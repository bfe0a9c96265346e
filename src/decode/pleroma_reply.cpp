#include "decode/pleroma_reply.h"

#include <simdjson.h>

namespace mastotail::decode {
namespace {

constexpr std::string_view kEvent = "pleroma:respond";

std::string string_member(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

}  // namespace

std::optional<PleromaReply> decode_pleroma_reply(std::string_view message) {
  // Cheap test first: this runs on every message.
  if (message.find(kEvent) == std::string_view::npos) return std::nullopt;

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
