#include "decode/rest_page.h"

#include <simdjson.h>

#include <vector>

namespace mastotail::decode {
namespace {

Error page_error(std::string_view reason) {
  return Error{ErrorKind::kProtocol,
               "invalid REST page: " + std::string(reason)};
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

bool has_relation(std::string_view params, std::string_view rel) {
  size_t at = params.find("rel=");
  if (at == std::string_view::npos) return false;
  std::string_view value = params.substr(at + 4);
  if (!value.empty() && value.front() == '"') {
    value.remove_prefix(1);
    value = value.substr(0, value.find('"'));
  } else {
    value = value.substr(0, value.find(';'));
  }

  // A relation may list several space-separated types.
  while (!value.empty()) {
    size_t space = value.find(' ');
    if (value.substr(0, space) == rel) return true;
    if (space == std::string_view::npos) break;
    value.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace

Status for_each_page_element(
    std::string_view body,
    const std::function<void(std::string_view element_json)>& element) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array array;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_array().get(array) != simdjson::SUCCESS) {
    return page_error("not a JSON array");
  }

  for (auto item : array) {
    simdjson::ondemand::object object;
    std::string_view text;
    if (item.get_object().get(object) != simdjson::SUCCESS ||
        object.raw_json().get(text) != simdjson::SUCCESS) {
      return page_error("an element is not a JSON object");
    }
    element(text);
  }
  return {};
}

std::string_view find_link(std::string_view link_header, std::string_view rel) {
  while (!link_header.empty()) {
    size_t open = link_header.find('<');
    size_t close = link_header.find('>', open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
      return {};
    }
    std::string_view url = link_header.substr(open + 1, close - open - 1);
    std::string_view rest = link_header.substr(close + 1);
    size_t next = rest.find(",");
    // A URL may contain commas, but the next link starts with '<'.
    while (next != std::string_view::npos &&
           trim(rest.substr(next + 1)).substr(0, 1) != "<") {
      next = rest.find(",", next + 1);
    }
    std::string_view params = rest.substr(0, next);
    if (has_relation(params, rel)) return url;
    if (next == std::string_view::npos) return {};
    link_header = rest.substr(next + 1);
  }
  return {};
}

}  // namespace mastotail::decode
