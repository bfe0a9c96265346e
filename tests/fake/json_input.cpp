#include "json_input.h"

namespace fake {

std::optional<std::string> string_member(simdjson::dom::object object,
                                         std::string_view key) {
  simdjson::dom::element value;
  if (object[key].get(value) != simdjson::SUCCESS) return std::nullopt;

  if (value.is_string()) return std::string(value.get_string().value());
  if (value.is_int64()) return std::to_string(value.get_int64().value());
  if (value.is_uint64()) return std::to_string(value.get_uint64().value());
  return std::nullopt;
}

bool parse_target(simdjson::dom::element value, Subscription& target) {
  if (value.is_string()) {
    target.stream = std::string(value.get_string().value());
    target.param.clear();
    return true;
  }

  simdjson::dom::object object;
  if (value.get(object) != simdjson::SUCCESS) return false;
  return parse_target(object, target);
}

bool parse_target(simdjson::dom::object object, Subscription& target) {
  simdjson::dom::element stream;
  if (object["stream"].get(stream) != simdjson::SUCCESS) return false;

  simdjson::dom::array parts;
  if (stream.get(parts) == simdjson::SUCCESS) {
    std::string_view name;
    if (parts.at(0).get(name) != simdjson::SUCCESS) return false;
    target.stream = std::string(name);

    std::string_view param;
    if (parts.at(1).get(param) == simdjson::SUCCESS) target.param = param;
  } else {
    std::string_view name;
    if (stream.get(name) != simdjson::SUCCESS) return false;
    target.stream = std::string(name);
  }

  if (auto tag = string_member(object, "tag")) target.param = *tag;
  if (auto list = string_member(object, "list")) target.param = *list;
  return true;
}

Payload parse_payload(simdjson::dom::object object) {
  simdjson::dom::element value;
  if (object["payload_json"].get(value) == simdjson::SUCCESS) {
    return {Payload::Kind::kRawJson, simdjson::minify(value)};
  }
  if (object["payload"].get(value) != simdjson::SUCCESS) return {};

  if (value.is_string()) {
    return {Payload::Kind::kString, std::string(value.get_string().value())};
  }
  return {Payload::Kind::kString, simdjson::minify(value)};
}

}  // namespace fake
