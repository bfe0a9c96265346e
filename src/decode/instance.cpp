#include "decode/instance.h"

#include <simdjson.h>

namespace mastotail::decode {
namespace {

using simdjson::ondemand::document;
using simdjson::ondemand::parser;

// Reads a string at `pointer` (RFC 6901), or "" when absent or not a string.
std::string string_at(document& doc, std::string_view pointer) {
  std::string_view value;
  if (doc.at_pointer(pointer).get_string().get(value)) return {};
  return std::string(value);
}

Result<InstanceInfo> decode_instance(std::string_view json,
                                     std::string_view streaming_pointer) {
  parser json_parser;
  simdjson::padded_string padded(json);
  document doc;
  if (json_parser.iterate(padded).get(doc)) {
    return Error{ErrorKind::kProtocol, "the instance response is not JSON"};
  }
  simdjson::ondemand::object root;
  if (doc.get_object().get(root)) {
    return Error{ErrorKind::kProtocol,
                 "the instance response is not a JSON object"};
  }

  InstanceInfo info;
  info.streaming_url = string_at(doc, streaming_pointer);
  info.version = string_at(doc, "/version");
  const std::string_view access = "/configuration/timelines_access";
  info.live_feeds.local =
      string_at(doc, std::string(access) + "/live_feeds/local");
  info.live_feeds.remote =
      string_at(doc, std::string(access) + "/live_feeds/remote");
  info.hashtag_feeds.local =
      string_at(doc, std::string(access) + "/hashtag_feeds/local");
  info.hashtag_feeds.remote =
      string_at(doc, std::string(access) + "/hashtag_feeds/remote");
  return info;
}

}  // namespace

Result<InstanceInfo> decode_instance_v2(std::string_view json) {
  return decode_instance(json, "/configuration/urls/streaming");
}

Result<InstanceInfo> decode_instance_v1(std::string_view json) {
  return decode_instance(json, "/urls/streaming_api");
}

std::string decode_error_message(std::string_view json) {
  parser json_parser;
  simdjson::padded_string padded(json);
  document doc;
  if (json_parser.iterate(padded).get(doc)) return {};
  return string_at(doc, "/error");
}

}  // namespace mastotail::decode
