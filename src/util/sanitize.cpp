#include "util/sanitize.h"

#include <utf8proc.h>

namespace mastotail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_plain_ascii(unsigned char c) { return c >= 0x20 && c < 0x7F; }

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Returns the length of the UTF-8 sequence of two to four bytes at
// `bytes[i]`, or 0 for an overlong form, a surrogate, a code point above
// U+10FFFF or a truncated sequence. It also returns 0 for code points that
// append_safe() changes: C1 controls, U+2028, U+2029 and the bidi
// controls of is_unsafe_codepoint().
size_t kept_sequence_length(const utf8proc_uint8_t* bytes, size_t size,
                            size_t i) {
  unsigned char lead = bytes[i];
  size_t left = size - i;
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (left < 2 || !is_continuation(bytes[i + 1])) return 0;
    return lead == 0xC2 && bytes[i + 1] <= 0x9F ? 0 : 2;  // C1 controls
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !is_continuation(bytes[i + 1]) ||
        !is_continuation(bytes[i + 2])) {
      return 0;
    }
    unsigned char second = bytes[i + 1];
    if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
    if (lead == 0xED && second > 0x9F) return 0;  // surrogates
    // U+2028 to U+202E and U+2066 to U+2069.
    if (lead == 0xE2 && second == 0x80 && bytes[i + 2] >= 0xA8 &&
        bytes[i + 2] <= 0xAE) {
      return 0;
    }
    if (lead == 0xE2 && second == 0x81 && bytes[i + 2] >= 0xA6 &&
        bytes[i + 2] <= 0xA9) {
      return 0;
    }
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !is_continuation(bytes[i + 1]) ||
        !is_continuation(bytes[i + 2]) || !is_continuation(bytes[i + 3])) {
      return 0;
    }
    unsigned char second = bytes[i + 1];
    if (lead == 0xF0 && second < 0x90) return 0;  // overlong
    if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Returns the end of the run that starts at `i` and that append_safe()
// copies unchanged: plain ASCII and kept UTF-8 sequences.
size_t plain_run_end(const utf8proc_uint8_t* bytes, size_t size, size_t i) {
  while (i < size) {
    if (is_plain_ascii(bytes[i])) {
      ++i;
      continue;
    }
    size_t length = kept_sequence_length(bytes, size, i);
    if (length == 0) break;
    i += length;
  }
  return i;
}

// Shared worker: `one_line` folds line breaks and tabs into spaces.
void append_safe(std::string_view text, std::string& out, bool one_line) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    size_t run_end = plain_run_end(bytes, size, i);
    if (run_end > i) {
      out.append(text.data() + i, run_end - i);
      i = run_end;
      continue;
    }

    utf8proc_int32_t codepoint = 0;
    utf8proc_ssize_t n = utf8proc_iterate(
        bytes + i, static_cast<utf8proc_ssize_t>(size - i), &codepoint);
    if (n <= 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    size_t start = i;
    i += static_cast<size_t>(n);

    char32_t cp = static_cast<char32_t>(codepoint);
    bool line_break =
        cp == U'\n' || cp == U'\r' || cp == 0x2028 || cp == 0x2029;
    if (line_break) {
      if (cp == U'\r' && i < size && bytes[i] == '\n') ++i;
      out += one_line ? ' ' : '\n';
    } else if (cp == U'\t') {
      out += one_line ? ' ' : '\t';
    } else if (!is_unsafe_codepoint(cp)) {
      // utf8proc_iterate() rejects overlong forms and surrogates, so the
      // input bytes are the one UTF-8 encoding of `cp`.
      out.append(text.data() + start, i - start);
    }
  }
}

}  // namespace

bool is_unsafe_codepoint(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return true;
  if (cp >= 0x80 && cp <= 0x9F) return true;
  if (cp >= 0x202A && cp <= 0x202E) return true;
  if (cp >= 0x2066 && cp <= 0x2069) return true;
  return false;
}

void append_sanitized(std::string_view text, std::string& out) {
  append_safe(text, out, false);
}

void append_sanitized_line(std::string_view text, std::string& out) {
  append_safe(text, out, true);
}

std::string sanitized_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_sanitized_line(text, out);
  return out;
}

}  // namespace mastotail
