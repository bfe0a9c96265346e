#include "decode/frame.h"

#include <fmt/format.h>

#include <climits>
#include <string>
#include <utility>

#include <simdjson.h>

#include "decode/json_buffer.h"
#include "decode/json_surrogates.h"
#include "decode/json_validate.h"

namespace mastotail::decode {
namespace {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// Depth of a field value of the top-level object, as validate_json_value()
// counts it.
constexpr size_t kFieldDepth = 3;

bool starts_with_container(std::string_view text) {
  text = trim_json_whitespace(text);
  return !text.empty() && (text.front() == '{' || text.front() == '[');
}

}  // namespace

struct FrameDecoder::Impl {
  explicit Impl(size_t max_message_size) : max_message_size(max_message_size) {}

  Result<const Frame*> decode(std::string_view message);
  Result<const Frame*> decode_envelope(std::string_view text);
  Error make_error(error_code code) const;

  error_code read_fields(ondemand::object& object);
  error_code read_field(std::string_view key, ondemand::value value);
  error_code read_string(ondemand::value& value, const char* not_string,
                         std::string_view& out);
  error_code read_stream(ondemand::value& value);
  error_code read_stream_array(ondemand::value& value);
  error_code read_stream_string(ondemand::value& value);
  error_code read_payload(ondemand::value& value);
  error_code read_string_payload(ondemand::value& value);
  error_code read_container_payload(ondemand::value& value,
                                    ondemand::json_type type);
  error_code read_scalar_payload(ondemand::value& value);
  error_code read_status(ondemand::value& value);
  error_code read_backfill(ondemand::value& value);

  size_t max_message_size;
  // NOTE: On-Demand builds in the one kernel that the compiler flags allow.
  // Without -march options that is simdjson's scalar "fallback" kernel.
  ondemand::parser envelope_parser;
  PaddedBuffer message_buffer;
  JsonTextValidator payload_validator;

  // Text built for a "stream" that is a bare string and for a payload that
  // is a number or boolean; reused across messages.
  std::string stream_json;
  std::string payload_json;

  bool has_event = false;
  bool has_error = false;
  // Reason for an error that is not a JSON syntax error, or nullptr.
  const char* failure = nullptr;
  Frame frame;
};

Result<const Frame*> FrameDecoder::Impl::decode(std::string_view message) {
  frame = Frame{};
  has_event = false;
  has_error = false;
  failure = nullptr;

  if (message.empty()) {
    return Error{ErrorKind::kProtocol,
                 "invalid message: empty, expected a JSON object"};
  }
  if (message.size() > max_message_size) {
    return Error{ErrorKind::kProtocol,
                 fmt::format("invalid message: {} bytes exceeds the maximum "
                             "message size of {} bytes (--max-message-size)",
                             message.size(), max_message_size)};
  }

  std::string_view text = message_buffer.assign(message);
  Result<const Frame*> decoded = decode_envelope(text);

  // An escaped lone surrogate directly in the envelope makes simdjson
  // reject the string that contains it. Repairing costs a scan of the whole
  // message, so it runs only when decoding failed. Surrogates inside a
  // payload's JSON text are repaired by the payload validator.
  if (!decoded.ok() && replace_lone_surrogates(message_buffer.data(),
                                               message_buffer.size()) > 0) {
    decoded = decode_envelope(text);
  }
  return decoded;
}

Result<const Frame*> FrameDecoder::Impl::decode_envelope(
    std::string_view text) {
  frame = Frame{};
  has_event = false;
  has_error = false;
  failure = nullptr;

  ondemand::document document;
  error_code error =
      envelope_parser
          .iterate(text.data(), text.size(), message_buffer.capacity())
          .get(document);
  if (error) return make_error(error);

  ondemand::json_type type;
  if ((error = document.type().get(type))) return make_error(error);
  if (type != ondemand::json_type::object) {
    return Error{ErrorKind::kProtocol,
                 "invalid message: JSON value is not an object"};
  }

  ondemand::object object;
  if ((error = document.get_object().get(object))) return make_error(error);
  if ((error = read_fields(object))) return make_error(error);

  const char* after_object = nullptr;
  if (document.current_location().get(after_object) !=
      simdjson::OUT_OF_BOUNDS) {
    return Error{ErrorKind::kProtocol,
                 "invalid message: unexpected content after the JSON object"};
  }

  if (has_event) {
    frame.type = FrameType::kEvent;
  } else if (has_error) {
    frame.type = FrameType::kError;
  }
  return &frame;
}

Error FrameDecoder::Impl::make_error(error_code code) const {
  if (failure != nullptr) {
    return Error{ErrorKind::kProtocol,
                 fmt::format("invalid message: {}", failure)};
  }
  if (code == simdjson::UTF8_ERROR) {
    return Error{ErrorKind::kProtocol, "invalid message: not valid UTF-8"};
  }
  return Error{ErrorKind::kProtocol,
               fmt::format("invalid message: not valid JSON ({})",
                           simdjson::error_message(code))};
}

error_code FrameDecoder::Impl::read_fields(ondemand::object& object) {
  for (auto result : object) {
    ondemand::field field;
    if (error_code error = std::move(result).get(field)) return error;

    std::string_view key;
    if (error_code error = field.unescaped_key().get(key)) return error;
    if (error_code error = read_field(key, field.value())) return error;
  }
  return SUCCESS;
}

error_code FrameDecoder::Impl::read_field(std::string_view key,
                                          ondemand::value value) {
  if (key == "event") {
    has_event = true;
    return read_string(value, "\"event\" is not a string", frame.event);
  }
  if (key == "stream") return read_stream(value);
  if (key == "payload") return read_payload(value);
  if (key == "error") {
    has_error = true;
    return read_string(value, "\"error\" is not a string", frame.error);
  }
  if (key == "status") return read_status(value);
  if (key == "backfill") return read_backfill(value);

  // Unknown fields are skipped, but they must still be valid JSON.
  return validate_json_value(value, kFieldDepth);
}

error_code FrameDecoder::Impl::read_string(ondemand::value& value,
                                           const char* not_string,
                                           std::string_view& out) {
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;
  if (type != ondemand::json_type::string) {
    failure = not_string;
    return simdjson::INCORRECT_TYPE;
  }
  return value.get_string().get(out);
}

error_code FrameDecoder::Impl::read_stream(ondemand::value& value) {
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;

  switch (type) {
    case ondemand::json_type::array:
      return read_stream_array(value);
    case ondemand::json_type::string:
      return read_stream_string(value);
    case ondemand::json_type::null:
      // Treated like a missing "stream".
      return validate_json_value(value, kFieldDepth);
    default:
      failure = "\"stream\" is not an array of strings";
      return simdjson::INCORRECT_TYPE;
  }
}

error_code FrameDecoder::Impl::read_stream_array(ondemand::value& value) {
  ondemand::array array;
  if (error_code error = value.get_array().get(array)) return error;

  // raw_json() skips the elements without checking them, so the array is
  // then rewound and every element read as a string.
  std::string_view raw;
  if (error_code error = array.raw_json().get(raw)) return error;
  bool not_empty = false;
  if (error_code error = array.reset().get(not_empty)) return error;

  for (auto result : array) {
    ondemand::value element;
    if (error_code error = result.get(element)) return error;

    std::string_view name;
    error_code error =
        read_string(element, "\"stream\" is not an array of strings", name);
    if (error) return error;
    if (frame.stream_size < kMaxStreamElements) {
      frame.stream[frame.stream_size++] = name;
    }
  }

  frame.has_stream = true;
  frame.stream_json = trim_json_whitespace(raw);
  return SUCCESS;
}

error_code FrameDecoder::Impl::read_stream_string(ondemand::value& value) {
  // Some servers may send "stream":"user"; it becomes ["user"].
  std::string_view literal = trim_json_whitespace(value.raw_json_token());
  std::string_view name;
  if (error_code error = value.get_string().get(name)) return error;

  stream_json.assign("[");
  stream_json.append(literal);
  stream_json.append("]");

  frame.has_stream = true;
  frame.stream[0] = name;
  frame.stream_size = 1;
  frame.stream_json = stream_json;
  return SUCCESS;
}

error_code FrameDecoder::Impl::read_payload(ondemand::value& value) {
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;

  switch (type) {
    case ondemand::json_type::string:
      return read_string_payload(value);
    case ondemand::json_type::object:
    case ondemand::json_type::array:
      return read_container_payload(value, type);
    case ondemand::json_type::null:
      frame.payload_type = PayloadType::kNull;
      return validate_json_value(value, kFieldDepth);
    default:
      return read_scalar_payload(value);
  }
}

// A Mastodon payload: JSON text inside a string, or a bare string such as
// a deleted status id.
error_code FrameDecoder::Impl::read_string_payload(ondemand::value& value) {
  std::string_view literal = trim_json_whitespace(value.raw_json_token());
  std::string_view text;
  if (error_code error = value.get_string().get(text)) return error;

  if (starts_with_container(text)) {
    ValidatedJson json = payload_validator.validate(text);
    if (!json.error) {
      frame.payload_type = PayloadType::kJson;
      frame.payload = json.text;
      frame.ids = json.ids;
      frame.parsed = json.parsed;
      return SUCCESS;
    }
  }

  frame.payload_type = PayloadType::kString;
  frame.payload = text;
  frame.payload_json = literal;
  return SUCCESS;
}

// A payload that is already an object or an array (an NDJSON line).
error_code FrameDecoder::Impl::read_container_payload(
    ondemand::value& value, ondemand::json_type type) {
  std::string_view raw;
  error_code error = SUCCESS;
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    error = value.get_object().get(object);
    if (!error) error = object.raw_json().get(raw);
  } else {
    ondemand::array array;
    error = value.get_array().get(array);
    if (!error) error = array.raw_json().get(raw);
  }
  if (error) return error;

  ValidatedJson json = payload_validator.validate(raw);
  if (json.error) {
    failure = json.error == simdjson::DEPTH_ERROR
                  ? "\"payload\" is nested too deeply"
                  : "\"payload\" is not valid JSON";
    return json.error;
  }

  frame.payload_type = PayloadType::kJson;
  frame.payload = json.text;
  frame.ids = json.ids;
  frame.parsed = json.parsed;
  return SUCCESS;
}

// A number or boolean payload, which Mastodon never sends. Its text is
// kept as a string so that an id sent as a number stays byte-exact.
error_code FrameDecoder::Impl::read_scalar_payload(ondemand::value& value) {
  std::string_view token = trim_json_whitespace(value.raw_json_token());
  if (error_code error = validate_json_value(value, kFieldDepth)) {
    return error;
  }

  payload_json.assign("\"");
  payload_json.append(token);
  payload_json.append("\"");

  frame.payload_type = PayloadType::kString;
  frame.payload = token;
  frame.payload_json = payload_json;
  return SUCCESS;
}

// "status" of an error frame. error_status stays 0 unless the value is an
// integer that fits in an int.
error_code FrameDecoder::Impl::read_status(ondemand::value& value) {
  int64_t status = 0;
  if (value.get_int64().get(status) != SUCCESS) {
    return validate_json_value(value, kFieldDepth);
  }
  if (status >= INT_MIN && status <= INT_MAX) {
    frame.error_status = static_cast<int>(status);
  }
  return SUCCESS;
}

// Only "backfill":true marks a frame; any other value is ignored.
error_code FrameDecoder::Impl::read_backfill(ondemand::value& value) {
  bool backfill = false;
  if (value.get_bool().get(backfill) != SUCCESS) {
    return validate_json_value(value, kFieldDepth);
  }
  frame.backfill = backfill;
  return SUCCESS;
}

FrameDecoder::FrameDecoder(size_t max_message_size)
    : impl_(std::make_unique<Impl>(max_message_size)) {}

FrameDecoder::~FrameDecoder() = default;

Result<const Frame*> FrameDecoder::decode(std::string_view message) {
  return impl_->decode(message);
}

}  // namespace mastotail::decode
