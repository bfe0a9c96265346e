#include "render/json_writer.h"

#include <cstdint>

namespace mastotail::render {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Returns the length of the valid UTF-8 sequence that starts with the
// non-ASCII byte text[at], or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF included).
size_t utf8_sequence_size(std::string_view text, size_t at) {
  auto byte = [&](size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0;
  };
  unsigned char lead = byte(0);
  unsigned char second = byte(1);

  if (lead >= 0xC2 && lead <= 0xDF) return is_continuation(second) ? 2 : 0;

  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    bool valid = second >= low && second <= high && is_continuation(byte(2));
    return valid ? 3 : 0;
  }

  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    bool valid = second >= low && second <= high && is_continuation(byte(2)) &&
                 is_continuation(byte(3));
    return valid ? 4 : 0;
  }
  return 0;
}

void append_escape(unsigned char c, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (c == '"' || c == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(c));
    return;
  }
  char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
  out.append(escape, sizeof escape);
}

}  // namespace

void append_json_string(std::string_view utf8, std::string& out) {
  out.push_back('"');

  // Bytes that need no change are copied in runs.
  size_t run_start = 0;
  size_t at = 0;
  while (at < utf8.size()) {
    auto c = static_cast<unsigned char>(utf8[at]);
    if (c < 0x80 && !needs_escape(c)) {
      ++at;
      continue;
    }

    size_t sequence = c < 0x80 ? 0 : utf8_sequence_size(utf8, at);
    if (sequence > 0) {
      at += sequence;
      continue;
    }

    out.append(utf8.substr(run_start, at - run_start));
    if (c < 0x80) {
      append_escape(c, out);
    } else {
      out.append(kReplacementCharacter);
    }
    ++at;
    run_start = at;
  }

  out.append(utf8.substr(run_start));
  out.push_back('"');
}

}  // namespace mastotail::render
