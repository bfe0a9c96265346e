#include "decode/json_surrogates.h"

#include <cstring>

namespace mastotail::decode {
namespace {

constexpr size_t kEscapeSize = 6;  // \uXXXX

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Returns the code unit of the "\uXXXX" escape at text[at], or -1 when no
// such escape starts there.
int code_unit_at(const char* text, size_t size, size_t at) {
  if (at + kEscapeSize > size) return -1;
  if (text[at] != '\\' || text[at + 1] != 'u') return -1;

  int unit = 0;
  for (size_t i = at + 2; i < at + kEscapeSize; ++i) {
    int digit = hex_digit(text[i]);
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

bool is_high_surrogate(int unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(int unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

}  // namespace

size_t replace_lone_surrogates(char* text, size_t size) {
  size_t replaced = 0;
  size_t at = 0;
  while (at < size) {
    const void* found = std::memchr(text + at, '\\', size - at);
    if (found == nullptr) break;
    at = static_cast<size_t>(static_cast<const char*>(found) - text);

    // Every escape is at least two bytes, and skipping both keeps "\\"
    // from being read as the start of the next escape.
    bool maybe_surrogate = at + kEscapeSize <= size && text[at + 1] == 'u' &&
                           (text[at + 2] == 'd' || text[at + 2] == 'D');
    if (!maybe_surrogate) {
      at += 2;
      continue;
    }

    int unit = code_unit_at(text, size, at);
    if (!is_high_surrogate(unit) && !is_low_surrogate(unit)) {
      at += 2;
      continue;
    }

    if (is_high_surrogate(unit) &&
        is_low_surrogate(code_unit_at(text, size, at + kEscapeSize))) {
      at += 2 * kEscapeSize;
      continue;
    }

    std::memcpy(text + at + 2, "fffd", 4);
    ++replaced;
    at += kEscapeSize;
  }
  return replaced;
}

}  // namespace mastotail::decode
