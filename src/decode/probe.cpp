#include "decode/probe.h"

#include <simdjson.h>

#include <string>

namespace mastotail::decode {
namespace {

bool has_media_at(simdjson::ondemand::document& doc, std::string_view pointer) {
  simdjson::ondemand::array media;
  if (doc.at_pointer(pointer).get_array().get(media)) return false;
  for (auto element : media) {
    (void)element;
    return true;
  }
  return false;
}

}  // namespace

bool status_has_media(std::string_view payload_json) {
  // Reused between calls; the NDJSON path must not allocate per event.
  static simdjson::ondemand::parser parser;
  static std::string buffer;
  buffer.assign(payload_json);
  buffer.resize(payload_json.size() + simdjson::SIMDJSON_PADDING);

  simdjson::ondemand::document doc;
  if (parser.iterate(buffer.data(), payload_json.size(), buffer.size())
          .get(doc)) {
    return false;
  }
  return has_media_at(doc, "/media_attachments") ||
         has_media_at(doc, "/reblog/media_attachments");
}

}  // namespace mastotail::decode
