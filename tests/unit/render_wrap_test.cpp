#include "render/wrap.h"

#include <doctest/doctest.h>

#include <string>

#include "render/markup.h"

using mastotail::render::append_wrapped;
using mastotail::render::display_width;

namespace {

std::string wrapped(std::string_view text, int width, int indent = 0,
                    int hanging = 0) {
  std::string out;
  append_wrapped(text, indent, width, out, hanging);
  return out;
}

}  // namespace

TEST_CASE("display width of ASCII, CJK, emoji and combining marks") {
  CHECK(display_width("hello") == 5);
  CHECK(display_width("\xE6\x97\xA5\xE6\x9C\xAC") == 4);  // 日本
  CHECK(display_width("\xF0\x9F\x8E\x89") == 2);          // U+1F389
  CHECK(display_width("e\xCC\x81") == 1);                 // e + U+0301
  CHECK(display_width("\x01n"
                      "name\x02") == 4);  // markers
}

TEST_CASE("wrap breaks at spaces") {
  CHECK(wrapped("one two three four", 9) == "one two\nthree\nfour\n");
  CHECK(wrapped("one two three four", 0) == "one two three four\n");
  CHECK(wrapped("a  b", 0) == "a  b\n");
}

TEST_CASE("wrap keeps a long word whole") {
  CHECK(wrapped("see https://example.org/very/long/url ok", 10) ==
        "see\nhttps://example.org/very/long/url\nok\n");
}

TEST_CASE("wrap breaks between wide characters") {
  // Ten CJK characters, two columns each, at width 8.
  std::string text;
  for (int i = 0; i < 10; ++i) text += "\xE6\x97\xA5";
  std::string out = wrapped(text, 8);
  CHECK(out ==
        "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\n"
        "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\n"
        "\xE6\x97\xA5\xE6\x97\xA5\n");
}

TEST_CASE("wrap leaves no trailing space before a wide character") {
  CHECK(wrapped("abcd \xF0\x9F\x94\x91", 5) == "abcd\n\xF0\x9F\x94\x91\n");
}

TEST_CASE("wrap indents and hangs continuation lines") {
  CHECK(wrapped("aaa bbb ccc", 7, 2) == "  aaa\n  bbb\n  ccc\n");
  CHECK(wrapped("aaa bbb ccc", 9, 0, 2) == "aaa bbb\n  ccc\n");
}

TEST_CASE("wrap repeats quote prefixes") {
  CHECK(wrapped("> \x03"
                "aaa bbb",
                6) == "> aaa\n> bbb\n");
  CHECK(wrapped("- \x03"
                "aaa bbb",
                6) == "- aaa\n  bbb\n");
  CHECK(wrapped(">\x03", 6) == ">\n");
}

TEST_CASE("wrap restarts a style after a break") {
  CHECK(wrapped("\x01l"
                "aaa bbb\x02",
                4) ==
        "\x01l"
        "aaa\x02\n\x01l"
        "bbb\x02\n");
}

TEST_CASE("wrap keeps glued words together") {
  CHECK(wrapped("aaa \xC2\xB7\x04"
                "bb",
                6) ==
        "aaa\n\xC2\xB7\x04"
        "bb\n");
}

TEST_CASE("wrap keeps blank lines") {
  CHECK(wrapped("a\n\nb", 10) == "a\n\nb\n");
}
