#include "util/sanitize.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <iterator>
#include <random>
#include <string>

using mastotail::append_sanitized;
using mastotail::append_sanitized_line;
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

namespace {

// Returns the length of the UTF-8 sequence that `lead` starts.
size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

// Decodes the well-formed UTF-8 in `text` into code points. Returns false
// at the first ill-formed sequence: a stray or missing continuation byte,
// an overlong form, a surrogate or a value above U+10FFFF.
bool decode_utf8(std::string_view text, std::u32string& out) {
  size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    size_t length = sequence_length(lead);
    if (lead >= 0x80 && lead < 0xC2) return false;
    if (lead > 0xF4 || i + length > text.size()) return false;
    char32_t codepoint = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      codepoint = (codepoint << 6) | (next & 0x3F);
    }
    const char32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < minimum[length] || codepoint > 0x10FFFF) return false;
    if (codepoint >= 0xD800 && codepoint <= 0xDFFF) return false;
    out += codepoint;
    i += length;
  }
  return true;
}

// Byte strings that sit at the edges of what the sanitiser keeps: controls,
// C1 and bidi controls, line separators, truncated, overlong and surrogate
// sequences, and the first and last code points of each UTF-8 length.
const std::string_view kPieces[] = {
    "a",
    " ",
    "\n",
    "\r",
    "\t",
    "\x1b[31m",
    "\x7f",
    std::string_view("\0", 1),
    "\x1f",
    "\xc2\x80",
    "\xc2\x9f",
    "\xc2\xa0",
    "\xc2",
    "\xdf\xbf",
    "\xe2\x80\xa8",
    "\xe2\x80\xa9",
    "\xe2\x80\xaa",
    "\xe2\x80\xae",
    "\xe2\x80\xaf",
    "\xe2\x81\xa6",
    "\xe2\x81\xa9",
    "\xe2\x81\xaa",
    "\xe2\x80",
    "\xed\xa0\x80",
    "\xed\x9f\xbf",
    "\xe0\x80\xaf",
    "\xe0\xa0\x80",
    "\xc0\xaf",
    "\xc1\xbf",
    "\xf0\x8f\xbf\xbf",
    "\xf0\x90\x80\x80",
    "\xf4\x8f\xbf\xbf",
    "\xf4\x90\x80\x80",
    "\xf5\x80\x80\x80",
    "\xef\xbf\xbd",
    "\xef\xbb\xbf",
    "\x80",
    "\xbf",
    "\xff",
    "\xf0\x9f\x98",
};

}  // namespace

TEST_CASE("sanitize output is safe for random input") {
  using mastotail::is_unsafe_codepoint;
  std::mt19937 random(20261204);
  std::uniform_int_distribution<size_t> piece_count(0, 24);
  std::uniform_int_distribution<size_t> piece_index(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> byte_value(0, 255);
  std::uniform_int_distribution<int> coin(0, 3);

  for (int round = 0; round < 20000; ++round) {
    std::string input;
    size_t count = piece_count(random);
    for (size_t n = 0; n < count; ++n) {
      if (coin(random) == 0) {
        input += static_cast<char>(byte_value(random));
      } else {
        input += kPieces[piece_index(random)];
      }
    }
    CAPTURE(input);

    for (bool one_line : {false, true}) {
      std::string output;
      if (one_line) {
        append_sanitized_line(input, output);
      } else {
        append_sanitized(input, output);
      }

      std::u32string codepoints;
      REQUIRE(decode_utf8(output, codepoints));
      for (char32_t codepoint : codepoints) {
        CAPTURE(static_cast<uint32_t>(codepoint));
        bool allowed_control =
            !one_line && (codepoint == U'\n' || codepoint == U'\t');
        if (!allowed_control) REQUIRE_FALSE(is_unsafe_codepoint(codepoint));
        REQUIRE(codepoint != 0x2028);
        REQUIRE(codepoint != 0x2029);
      }
    }
  }
}
