#include "decode/json_path.h"

#include <simdjson.h>

#include <charconv>

#include "decode/json_validate.h"

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

void read_string(simdjson::dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) out.assign(text);
}

// Reads one element of a "filtered" array into `out` as EntityDecoder does.
// Every "filter" member is read, and every element of every "context"
// array is appended, with an empty string for one that is not a string.
void read_filter_result(simdjson::dom::element value, FilterResult& out) {
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return;
  for (auto [key, filter] : object) {
    simdjson::dom::object fields;
    if (key != "filter" ||
        filter.get_object().get(fields) != simdjson::SUCCESS) {
      continue;
    }
    for (auto [name, field] : fields) {
      if (name == "title") {
        read_string(field, out.title);
      } else if (name == "context") {
        simdjson::dom::array contexts;
        if (field.get_array().get(contexts) != simdjson::SUCCESS) continue;
        for (simdjson::dom::element context : contexts) {
          read_string(context, out.context.emplace_back());
        }
      } else if (name == "expires_at") {
        read_string(field, out.expires_at);
      } else if (name == "filter_action") {
        read_string(field, out.action);
      }
    }
  }
}

// Appends one result per element of every "filtered" array of `status`,
// an empty one for an element that is not an object.
void read_filtered(simdjson::dom::object status,
                   std::vector<FilterResult>& out) {
  for (auto [key, value] : status) {
    simdjson::dom::array results;
    if (key != "filtered" ||
        value.get_array().get(results) != simdjson::SUCCESS) {
      continue;
    }
    for (simdjson::dom::element result : results) {
      read_filter_result(result, out.emplace_back());
    }
  }
}

// Finds the last member `key` of `object` that is an object, as
// EntityDecoder keeps the last nested status of a repeated key.
bool last_object_member(simdjson::dom::object object, std::string_view key,
                        simdjson::dom::object& out) {
  bool found = false;
  for (auto [name, value] : object) {
    simdjson::dom::object candidate;
    if (name == key && value.get_object().get(candidate) == simdjson::SUCCESS) {
      out = candidate;
      found = true;
    }
  }
  return found;
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

mastotail::Status JsonDocument::load(std::string_view json,
                                     const ParsedJson* parsed) {
  if (parsed == nullptr) return load(json);
  impl_->root = parsed->root;
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

bool JsonDocument::read_status_filters(std::string_view member,
                                       StatusFilters& out) const {
  out.filtered.clear();
  out.reblog_filtered.clear();
  if (!impl_->loaded) return false;

  simdjson::dom::object status;
  if (impl_->root.get_object().get(status) != simdjson::SUCCESS) return false;
  if (!member.empty()) {
    simdjson::dom::object document = status;
    if (!last_object_member(document, member, status)) return false;
  }

  read_filtered(status, out.filtered);
  simdjson::dom::object reblog;
  if (last_object_member(status, "reblog", reblog)) {
    read_filtered(reblog, out.reblog_filtered);
  }
  return true;
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
