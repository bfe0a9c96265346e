#include "util/sanitize.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

using mastotail::append_sanitized;
using mastotail::sanitized_line;

namespace {

std::string sanitized(std::string_view text) {
  std::string out;
  append_sanitized(text, out);
  return out;
}

}  // namespace

TEST_CASE("sanitize keeps plain and non-ASCII text") {
  CHECK(sanitized("hello, world") == "hello, world");
  CHECK(sanitized("Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC") ==
        "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");
  CHECK(sanitized("emoji \xF0\x9F\x98\x80") == "emoji \xF0\x9F\x98\x80");
}

TEST_CASE("sanitize removes escape sequences and controls") {
  CHECK(sanitized("\x1b]0;owned\x07"
                  "Eve") == "]0;ownedEve");
  CHECK(sanitized("a\x1b[2Jb") == "a[2Jb");
  CHECK(sanitized(std::string("nul\0byte", 8)) == "nulbyte");
  CHECK(sanitized("del\x7f") == "del");
}

TEST_CASE("sanitize removes C1 controls") {
  // U+009B is the single-character CSI.
  CHECK(sanitized("\xC2\x9B"
                  "31mred") == "31mred");
  CHECK(sanitized("\xC2\x85next") == "next");
}

TEST_CASE("sanitize removes bidi overrides and isolates") {
  CHECK(sanitized("Eve\xE2\x80\xAE") == "Eve");  // U+202E
  CHECK(sanitized("\xE2\x80\xAA"
                  "a") == "a");  // U+202A
  CHECK(sanitized("\xE2\x81\xA6"
                  "b\xE2\x81\xA9") == "b");  // U+2066, U+2069
  CHECK(sanitized("\xE2\x80\x8F"
                  "rlm") ==
        "\xE2\x80\x8F"
        "rlm");  // RLM kept
}

TEST_CASE("sanitize replaces invalid UTF-8") {
  CHECK(sanitized("bad\xFFz") == "bad\xEF\xBF\xBDz");
  CHECK(sanitized("cut\xE6\x97") == "cut\xEF\xBF\xBD\xEF\xBF\xBD");
  // An encoded surrogate is not valid UTF-8.
  CHECK(sanitized("\xED\xA0\x80") != "\xED\xA0\x80");
}

TEST_CASE("sanitize normalises line breaks") {
  CHECK(sanitized("a\r\nb\rc\nd") == "a\nb\nc\nd");
  CHECK(sanitized("a\xE2\x80\xA8"
                  "b") == "a\nb");
  CHECK(sanitized("tab\there") == "tab\there");
}

TEST_CASE("sanitized line folds breaks into spaces") {
  CHECK(sanitized_line("a\nb\r\nc\td") == "a b c d");
  CHECK(sanitized_line("x\xE2\x80\xA9y") == "x y");
  CHECK(sanitized_line("\x1b[31mred\x1b[0m") == "[31mred[0m");
}

TEST_CASE("sanitize mixes runs and single characters") {
  CHECK(sanitized("ab\x1b[1mcd\xC3\xA9"
                  "ef\xC0\x80gh\xF0\x9F\x98\x80") ==
        "ab[1mcd\xC3\xA9"
        "ef\xEF\xBF\xBD\xEF\xBF\xBDgh\xF0\x9F\x98\x80");
  CHECK(sanitized("\xED\xA0\x80x") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx");
  CHECK(sanitized("\xE2\x80\xAEx\xE2\x80\xA8y") == "x\ny");
  CHECK(sanitized(std::string_view("a\0b", 3)) == "ab");
}

namespace {

// Returns `middle` between "<" and ">". Appends, because GCC 12 warns
// falsely (-Wrestrict) on operator+ of std::string at -O3.
std::string between_brackets(std::string_view middle) {
  std::string out = "<";
  out.append(middle);
  out += '>';
  return out;
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

}  // namespace

TEST_CASE("sanitize treats every code point by its class") {
  using mastotail::is_unsafe_codepoint;
  size_t mismatches = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // not encodable
    std::string encoded = encode_utf8(cp);
    std::string expected = "<";
    if (cp == U'\n' || cp == U'\r' || cp == 0x2028 || cp == 0x2029) {
      expected += '\n';
    } else if (cp == U'\t') {
      expected += '\t';
    } else if (!is_unsafe_codepoint(cp)) {
      expected += encoded;
    }
    expected += ">";
    if (sanitized(between_brackets(encoded)) != expected) {
      ++mismatches;
      CAPTURE(static_cast<uint32_t>(cp));
      CHECK(sanitized(between_brackets(encoded)) == expected);
      if (mismatches > 5) break;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("sanitize replaces ill-formed sequences") {
  const std::string_view kReplacement = "\xEF\xBF\xBD";
  struct Case {
    std::string_view input;
    size_t replacements;
  };
  const Case kCases[] = {
      {"\xC0\xAF", 2},
      {"\xC1\xBF", 2},
      {"\xE0\x9F\xBF", 3},
      {"\xED\xA0\x80", 3},
      {"\xED\xBF\xBF", 3},
      {"\xF0\x8F\xBF\xBF", 4},
      {"\xF4\x90\x80\x80", 4},
      {"\xF5\x80\x80\x80", 4},
      {"\xE2\x80", 2},
      {"\xF0\x9F\x98", 3},
      {"\xC3", 1},
      {"\x80", 1},
      {"\xFF", 1},
      {"\xE2\x28\xA1", 2},
  };
  for (const Case& test : kCases) {
    CAPTURE(test.input);
    std::string expected = "<";
    for (size_t i = 0; i < test.replacements; ++i) expected += kReplacement;
    if (test.input == "\xE2\x28\xA1") expected = "<\xEF\xBF\xBD(\xEF\xBF\xBD";
    expected += ">";
    CHECK(sanitized(between_brackets(test.input)) == expected);
  }
}
