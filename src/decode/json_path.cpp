#include "decode/json_path.h"

#include <simdjson.h>

#include <charconv>

namespace mastotail::decode {
namespace {

// Returns the element at `key`: a member of an object or, for an array, the
// element at that decimal index.
bool step(simdjson::dom::element current, const std::string& key,
          simdjson::dom::element& next) {
  if (current.is_object()) {
    return current.get_object().at_key(key).get(next) == simdjson::SUCCESS;
  }
  if (!current.is_array()) return false;

  size_t index = 0;
  const char* end = key.data() + key.size();
  auto [ptr, ec] = std::from_chars(key.data(), end, index);
  if (ec != std::errc() || ptr != end || key.empty()) return false;
  return current.get_array().at(index).get(next) == simdjson::SUCCESS;
}

}  // namespace

struct JsonDocument::Impl {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool loaded = false;
};

JsonDocument::JsonDocument() : impl_(std::make_unique<Impl>()) {}
JsonDocument::~JsonDocument() = default;

mastotail::Status JsonDocument::load(std::string_view json) {
  impl_->loaded = false;
  auto error = impl_->parser.parse(json.data(), json.size()).get(impl_->root);
  if (error) {
    return Error{ErrorKind::kProtocol,
                 std::string("template: payload is not valid JSON (") +
                     simdjson::error_message(error) + ")"};
  }
  impl_->loaded = true;
  return {};
}

JsonKind JsonDocument::append_value(const std::vector<std::string>& path,
                                    std::string& out) const {
  if (!impl_->loaded) return JsonKind::kMissing;

  simdjson::dom::element current = impl_->root;
  for (const std::string& key : path) {
    simdjson::dom::element next;
    if (!step(current, key, next)) return JsonKind::kMissing;
    current = next;
  }

  switch (current.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return JsonKind::kNull;
    case simdjson::dom::element_type::STRING: {
      std::string_view text;
      if (current.get_string().get(text) == simdjson::SUCCESS) out += text;
      return JsonKind::kString;
    }
    case simdjson::dom::element_type::BOOL:
      out += current.get_bool().value_unsafe() ? "true" : "false";
      return JsonKind::kBool;
    case simdjson::dom::element_type::OBJECT:
      out += simdjson::minify(current);
      return JsonKind::kObject;
    case simdjson::dom::element_type::ARRAY:
      out += simdjson::minify(current);
      return JsonKind::kArray;
    default:
      out += simdjson::minify(current);
      return JsonKind::kNumber;
  }
}

std::vector<std::string> split_path(std::string_view dotted) {
  std::vector<std::string> path;
  if (dotted.empty()) return path;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    path.emplace_back(dotted.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return path;
}

}  // namespace mastotail::decode
