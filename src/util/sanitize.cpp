#include "util/sanitize.h"

#include <utf8proc.h>

namespace mastotail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_plain_ascii(unsigned char c) { return c >= 0x20 && c < 0x7F; }

// Returns the end of the run of plain ASCII bytes that starts at `i`.
size_t plain_run_end(const utf8proc_uint8_t* bytes, size_t size, size_t i) {
  while (i < size && is_plain_ascii(bytes[i])) ++i;
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
