#include "decode/filter_fields.h"

#include <simdjson.h>

#include "decode/json_buffer.h"
#include "decode/json_validate.h"

namespace mastotail::decode {
namespace {

namespace dom = simdjson::dom;

std::string_view string_at(dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return {};
  return value;
}

bool bool_at(dom::object object, std::string_view key) {
  bool value = false;
  if (object[key].get(value) != simdjson::SUCCESS) return false;
  return value;
}

// True when `key` is present with a value other than null or "". Ids are
// strings on Mastodon; some servers send numbers.
bool has_value_at(dom::object object, std::string_view key) {
  dom::element value;
  if (object[key].get(value) != simdjson::SUCCESS) return false;
  if (value.is_null()) return false;

  std::string_view text;
  if (value.get(text) == simdjson::SUCCESS) return !text.empty();
  return true;
}

bool object_at(dom::object object, std::string_view key, dom::object& out) {
  return object[key].get(out) == simdjson::SUCCESS;
}

// Clears `fields` but keeps the capacity of its vector.
void reset(StatusFields& fields) {
  std::vector<std::string_view> descriptions =
      std::move(fields.media_descriptions);
  descriptions.clear();
  fields = StatusFields{};
  fields.media_descriptions = std::move(descriptions);
}

void read_account(dom::object status, StatusFields& out) {
  dom::object account;
  if (!object_at(status, "account", account)) return;

  out.account_acct = string_at(account, "acct");
  out.account_bot = bool_at(account, "bot");
}

void read_media(dom::object status, StatusFields& out) {
  dom::array media;
  if (status["media_attachments"].get(media) != simdjson::SUCCESS) return;

  for (dom::element element : media) {
    ++out.media_count;
    dom::object attachment;
    if (element.get(attachment) != simdjson::SUCCESS) continue;

    std::string_view description = string_at(attachment, "description");
    if (!description.empty()) out.media_descriptions.push_back(description);
  }
}

void read_status(dom::object status, StatusFields& out) {
  out.id = string_at(status, "id");
  out.language = string_at(status, "language");
  out.visibility = string_at(status, "visibility");
  out.is_reply = has_value_at(status, "in_reply_to_id");
  out.content_html = string_at(status, "content");
  out.spoiler_text = string_at(status, "spoiler_text");
  read_account(status, out);
  read_media(status, out);
}

// Reads the status an event carries; for a boost, the boosted one.
void read_carried_status(dom::object status, FilterFields& out) {
  out.has_status = true;

  dom::object reblog;
  if (!object_at(status, "reblog", reblog)) {
    read_status(status, out.status);
    return;
  }

  out.is_boost = true;
  read_status(status, out.booster);
  read_status(reblog, out.status);
}

void read_notification(dom::object notification, FilterFields& out) {
  out.is_notification = true;
  out.notification_type = string_at(notification, "type");

  dom::object account;
  if (object_at(notification, "account", account)) {
    out.notification_acct = string_at(account, "acct");
    out.notification_bot = bool_at(account, "bot");
  }

  dom::object status;
  if (object_at(notification, "status", status)) {
    read_carried_status(status, out);
  }
}

void read_event(std::string_view event, dom::object payload,
                FilterFields& out) {
  if (event == "update" || event == "status.update") {
    read_carried_status(payload, out);
    return;
  }
  if (event == "notification") {
    read_notification(payload, out);
    return;
  }

  dom::object last_status;
  if (event == "conversation" &&
      object_at(payload, "last_status", last_status)) {
    read_carried_status(last_status, out);
  }
}

}  // namespace

struct FilterFieldsDecoder::Impl {
  dom::parser parser;
  PaddedBuffer buffer;
  FilterFields fields;

  void reset_fields() {
    reset(fields.status);
    reset(fields.booster);
    fields.has_status = false;
    fields.is_boost = false;
    fields.is_notification = false;
    fields.notification_type = {};
    fields.notification_acct = {};
    fields.notification_bot = false;
  }
};

FilterFieldsDecoder::FilterFieldsDecoder() : impl_(std::make_unique<Impl>()) {}

FilterFieldsDecoder::~FilterFieldsDecoder() = default;

Result<const FilterFields*> FilterFieldsDecoder::decode(
    std::string_view event, std::string_view payload_json,
    const ParsedJson* parsed) {
  impl_->reset_fields();

  dom::element root;
  if (parsed != nullptr) {
    root = parsed->root;
  } else {
    std::string_view text = impl_->buffer.assign(payload_json);
    simdjson::error_code code =
        impl_->parser.parse(text.data(), text.size(), false).get(root);
    if (code != simdjson::SUCCESS) {
      return Error{ErrorKind::kProtocol,
                   std::string("payload is not valid JSON: ") +
                       simdjson::error_message(code)};
    }
  }

  dom::object payload;
  if (root.get(payload) == simdjson::SUCCESS) {
    read_event(event, payload, impl_->fields);
  }
  return &impl_->fields;
}

}  // namespace mastotail::decode
