#include "decode/event_ids.h"

#include <simdjson.h>

#include <string>

#include "decode/json_buffer.h"

namespace mastotail::decode {

struct EventIdReader::Impl {
  simdjson::ondemand::parser parser;
  PaddedBuffer input;
  // Copies of the strings, so that views outlive the parser's buffers.
  std::string id;
  std::string edited_at;
  std::string created_at;
  std::string last_status_id;
  std::string last_status_created_at;
};

namespace {

void copy_string(simdjson::ondemand::value value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) out.assign(text);
}

void read_last_status(simdjson::ondemand::value value, std::string& id,
                      std::string& created_at) {
  simdjson::ondemand::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return;
    if (key == "id") copy_string(field.value(), id);
    if (key == "created_at") copy_string(field.value(), created_at);
  }
}

}  // namespace

EventIdReader::EventIdReader() : impl_(std::make_unique<Impl>()) {}

EventIdReader::~EventIdReader() = default;

EventIds EventIdReader::read(std::string_view payload_json) {
  Impl& state = *impl_;
  state.id.clear();
  state.edited_at.clear();
  state.created_at.clear();
  state.last_status_id.clear();
  state.last_status_created_at.clear();

  std::string_view text = state.input.assign(payload_json);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  if (state.parser.iterate(text.data(), text.size(), state.input.capacity())
              .get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(object) != simdjson::SUCCESS) {
    return {};
  }

  // One pass over the top-level keys; nested objects are skipped unread.
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) break;
    if (key == "id") {
      copy_string(field.value(), state.id);
    } else if (key == "edited_at") {
      copy_string(field.value(), state.edited_at);
    } else if (key == "created_at") {
      copy_string(field.value(), state.created_at);
    } else if (key == "last_status") {
      read_last_status(field.value(), state.last_status_id,
                       state.last_status_created_at);
    }
  }
  return {state.id, state.edited_at, state.created_at, state.last_status_id,
          state.last_status_created_at};
}

int compare_ids(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

}  // namespace mastotail::decode
