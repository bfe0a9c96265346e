#include "decode/state_file.h"

#include <simdjson.h>

namespace mastotail::decode {
namespace {

Error state_error(std::string_view reason) {
  return Error{ErrorKind::kUsage, "invalid state file: " + std::string(reason) +
                                      "; delete it to start afresh"};
}

std::string_view string_field(simdjson::ondemand::object& object,
                              std::string_view name) {
  std::string_view value;
  if (object[name].get_string().get(value) != simdjson::SUCCESS) return {};
  return value;
}

}  // namespace

Status read_state_file(std::string_view text,
                       const std::function<void(const StateEntry&)>& entry) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(text);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object root;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(root) != simdjson::SUCCESS) {
    return state_error("not a JSON object");
  }

  int64_t version = 0;
  if (root["version"].get_int64().get(version) != simdjson::SUCCESS ||
      version != 1) {
    return state_error("unknown version");
  }
  simdjson::ondemand::array cursors;
  if (root["cursors"].get_array().get(cursors) != simdjson::SUCCESS) {
    return state_error("no \"cursors\" array");
  }

  for (auto item : cursors) {
    simdjson::ondemand::object object;
    if (item.get_object().get(object) != simdjson::SUCCESS) {
      return state_error("a cursor is not an object");
    }
    StateEntry result;
    simdjson::ondemand::array stream;
    if (object["stream"].get_array().get(stream) != simdjson::SUCCESS ||
        stream.raw_json().get(result.stream_json) != simdjson::SUCCESS) {
      return state_error("a cursor has no \"stream\" array");
    }
    result.feed = string_field(object, "feed");
    result.id = string_field(object, "id");
    result.created_at = string_field(object, "created_at");
    if (result.feed.empty() || result.id.empty()) {
      return state_error("a cursor lacks \"feed\" or \"id\"");
    }
    entry(result);
  }
  return {};
}

}  // namespace mastotail::decode
