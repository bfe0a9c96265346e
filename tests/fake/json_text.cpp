#include "json_text.h"

#include <fmt/format.h>

namespace fake {

namespace {

void append_escaped(std::string& out, char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20) {
    out += fmt::format("\\u{:04x}", byte);
    return;
  }
  out += c;
}

}  // namespace

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) append_escaped(out, c);
  out += '"';
  return out;
}

std::string json_object(const HeaderList& members) {
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out += ',';
    out += json_quote(name);
    out += ':';
    out += json_quote(value);
  }
  out += '}';
  return out;
}

}  // namespace fake
