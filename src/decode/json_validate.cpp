#include "decode/json_validate.h"

#include <utility>

#include "decode/json_surrogates.h"

namespace mastotail::decode {
namespace {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

bool is_json_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_digits(std::string_view text, size_t at) {
  while (at < text.size() && is_digit(text[at])) ++at;
  return at;
}

// Checks the RFC 8259 number grammar, so that any magnitude jq accepts
// passes (simdjson's own number parsing rejects values such as 1e400).
bool is_json_number(std::string_view text) {
  size_t at = 0;
  if (at < text.size() && text[at] == '-') ++at;
  if (at >= text.size() || !is_digit(text[at])) return false;
  at = text[at] == '0' ? at + 1 : skip_digits(text, at);

  if (at < text.size() && text[at] == '.') {
    size_t digits = at + 1;
    at = skip_digits(text, digits);
    if (at == digits) return false;
  }

  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    size_t digits = at;
    at = skip_digits(text, digits);
    if (at == digits) return false;
  }
  return at == text.size();
}

error_code validate_scalar(ondemand::value& value, ondemand::json_type type) {
  std::string_view token = trim_json_whitespace(value.raw_json_token());
  switch (type) {
    case ondemand::json_type::number:
      return is_json_number(token) ? SUCCESS : simdjson::NUMBER_ERROR;
    case ondemand::json_type::boolean:
      return token == "true" || token == "false" ? SUCCESS
                                                 : simdjson::T_ATOM_ERROR;
    case ondemand::json_type::null:
      return token == "null" ? SUCCESS : simdjson::N_ATOM_ERROR;
    default:
      return simdjson::TAPE_ERROR;
  }
}

error_code validate_object(ondemand::value& value, size_t depth) {
  ondemand::object object;
  if (error_code error = value.get_object().get(object)) return error;

  for (auto result : object) {
    ondemand::field field;
    if (error_code error = std::move(result).get(field)) return error;

    std::string_view key;
    if (error_code error = field.unescaped_key().get(key)) return error;

    error_code error = validate_json_value(field.value(), depth + 2);
    if (error) return error;
  }
  return SUCCESS;
}

error_code validate_array(ondemand::value& value, size_t depth) {
  ondemand::array array;
  if (error_code error = value.get_array().get(array)) return error;

  for (auto result : array) {
    ondemand::value element;
    if (error_code error = result.get(element)) return error;

    if (error_code error = validate_json_value(element, depth + 1)) {
      return error;
    }
  }
  return SUCCESS;
}

// Validates a string value and keeps it in `out`, or validates any other
// value and empties `out`. The last occurrence of a duplicate key wins, as
// in read_dom_string(), so both paths read the same ids.
error_code read_string_field(ondemand::value value, size_t depth,
                             std::string_view& out) {
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;
  if (type != ondemand::json_type::string) {
    out = {};
    return validate_json_value(value, depth);
  }
  return value.get_string().get(out);
}

// Validates the fields of an object and keeps the identifiers of `ids`
// found among them: id and created_at always, edited_at and last_status
// only at the root (`root` true).
error_code validate_identified_object(ondemand::value& value, size_t depth,
                                      EventIds& ids, bool root) {
  ondemand::object object;
  if (error_code error = value.get_object().get(object)) return error;

  for (auto result : object) {
    ondemand::field field;
    if (error_code error = std::move(result).get(field)) return error;

    std::string_view key;
    if (error_code error = field.unescaped_key().get(key)) return error;

    error_code error = SUCCESS;
    std::string_view* target = nullptr;
    if (key == "id") target = root ? &ids.id : &ids.last_status_id;
    if (key == "created_at") {
      target = root ? &ids.created_at : &ids.last_status_created_at;
    }
    if (root && key == "edited_at") target = &ids.edited_at;

    if (target != nullptr) {
      error = read_string_field(field.value(), depth + 2, *target);
    } else if (root && key == "last_status") {
      ondemand::value nested = field.value();
      ondemand::json_type type;
      error = nested.type().get(type);
      if (!error && type == ondemand::json_type::object) {
        error = validate_identified_object(nested, depth + 2, ids, false);
      } else if (!error) {
        error = validate_json_value(nested, depth + 2);
      }
    } else {
      error = validate_json_value(field.value(), depth + 2);
    }
    if (error) return error;
  }
  return SUCCESS;
}

// Stores the string `value` in `out`; other types leave `out` empty.
void read_dom_string(simdjson::dom::element value, std::string_view& out) {
  if (value.get_string().get(out) != SUCCESS) out = {};
}

// Reads into `ids` what validate_identified_object() reads, from a parsed
// document: id and created_at of the root object, its edited_at, and id
// and created_at of its last_status object.
void read_ids(simdjson::dom::element root, EventIds& ids) {
  simdjson::dom::object object;
  if (root.get_object().get(object) != SUCCESS) return;

  for (simdjson::dom::key_value_pair field : object) {
    if (field.key == "id") {
      read_dom_string(field.value, ids.id);
    } else if (field.key == "created_at") {
      read_dom_string(field.value, ids.created_at);
    } else if (field.key == "edited_at") {
      read_dom_string(field.value, ids.edited_at);
    } else if (field.key == "last_status") {
      simdjson::dom::object last_status;
      if (field.value.get_object().get(last_status) != SUCCESS) continue;
      for (simdjson::dom::key_value_pair nested : last_status) {
        if (nested.key == "id") {
          read_dom_string(nested.value, ids.last_status_id);
        } else if (nested.key == "created_at") {
          read_dom_string(nested.value, ids.last_status_created_at);
        }
      }
    }
  }
}

}  // namespace

std::string_view trim_json_whitespace(std::string_view text) {
  while (!text.empty() && is_json_whitespace(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_json_whitespace(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

error_code validate_json_value(ondemand::value value, size_t depth) {
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;

  // Only objects and arrays count toward the limit, as in jq 1.6, which
  // accepts a number inside 256 nested arrays.
  switch (type) {
    case ondemand::json_type::object:
      if (depth > kMaxJsonDepth) return simdjson::DEPTH_ERROR;
      return validate_object(value, depth);
    case ondemand::json_type::array:
      if (depth > kMaxJsonDepth) return simdjson::DEPTH_ERROR;
      return validate_array(value, depth);
    case ondemand::json_type::string: {
      std::string_view unescaped;
      return value.get_string().get(unescaped);
    }
    default:
      return validate_scalar(value, type);
  }
}

JsonTextValidator::JsonTextValidator() {
  // The DOM parser counts containers only, and accepts fewer than
  // kMaxDomDepth nested ones. Their depth in jq's count is then at most
  // 2 * kMaxDomDepth - 1, within kMaxJsonDepth. Deeper texts fail here,
  // and the walk decides about them. The parser keeps this limit when it
  // grows. Without it (allocate() failed), every text takes the walk.
  constexpr size_t kMaxDomDepth = kMaxJsonDepth / 2;
  dom_ready_ =
      dom_parser_.allocate(simdjson::SIMDJSON_PADDING, kMaxDomDepth) == SUCCESS;
}

ValidatedJson JsonTextValidator::validate(std::string_view text) {
  std::string_view copy = buffer_.assign(trim_json_whitespace(text));
  EventIds ids;
  const ParsedJson* parsed = nullptr;
  error_code error = validate_document(copy, ids, parsed);

  // simdjson rejects an escaped lone surrogate; the repair scans the whole
  // text, so it runs only after a failure, and validation runs again.
  if (error && replace_lone_surrogates(buffer_.data(), buffer_.size()) > 0) {
    ids = EventIds{};
    error = validate_document(copy, ids, parsed);
  }
  if (error) return {{}, error, {}, nullptr};
  return {copy, SUCCESS, ids, parsed};
}

error_code JsonTextValidator::validate_document(std::string_view text,
                                                EventIds& ids,
                                                const ParsedJson*& parsed) {
  parsed = nullptr;
  if (text.empty() || (text.front() != '{' && text.front() != '[')) {
    return simdjson::INCORRECT_TYPE;
  }

  if (!dom_ready_) return walk_document(text, ids);

  simdjson::dom::element root;
  error_code error =
      dom_parser_.parse(text.data(), text.size(), false).get(root);
  if (!error) {
    read_ids(root, ids);
    parsed_.root = root;
    parsed = &parsed_;
    return SUCCESS;
  }

  // The DOM also rejects valid numbers out of its range, such as 1e400, so
  // the walk has the last word on a text that it rejects.
  return walk_document(text, ids);
}

error_code JsonTextValidator::walk_document(std::string_view text,
                                            EventIds& ids) {
  ondemand::document document;
  error_code error =
      parser_.iterate(text.data(), text.size(), buffer_.capacity())
          .get(document);
  if (error) return error;

  ondemand::value root;
  if ((error = document.get_value().get(root))) return error;
  error = text.front() == '{' ? validate_identified_object(root, 1, ids, true)
                              : validate_json_value(root, 1);
  if (error) return error;

  // Anything after the root value is trailing content.
  const char* after_root = nullptr;
  error = document.current_location().get(after_root);
  return error == simdjson::OUT_OF_BOUNDS ? SUCCESS : simdjson::TAPE_ERROR;
}

}  // namespace mastotail::decode
