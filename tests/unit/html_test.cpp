#include "render/html.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "render/html_arena.h"
#include "render/markup.h"

using mastotail::render::bound_html;
using mastotail::render::html_to_text;
using mastotail::render::HtmlArena;
using mastotail::render::HtmlLimits;
using mastotail::render::strip_markup;

namespace {

// The converted text as a user sees it without colour.
std::string plain(std::string_view html, const HtmlLimits& limits = {}) {
  std::string marked;
  html_to_text(html, marked, limits);
  std::string text;
  strip_markup(marked, text);
  return text;
}

std::string repeat(std::string_view part, size_t count) {
  std::string out;
  out.reserve(part.size() * count);
  for (size_t i = 0; i < count; ++i) out += part;
  return out;
}

}  // namespace

TEST_CASE("html paragraphs and line breaks") {
  CHECK(plain("<p>one</p><p>two</p>") == "one\n\ntwo");
  CHECK(plain("<p>a<br>b<br/>c</p>") == "a\nb\nc");
  CHECK(plain("<p>a<br><br>b</p>") == "a\n\nb");
  CHECK(plain("<p>trailing<br></p>") == "trailing");
  CHECK(plain("") == "");
  CHECK(plain("<p></p>") == "");
}

TEST_CASE("html collapses whitespace outside pre") {
  CHECK(plain("<p>  many   spaces\n\tand lines  </p>") ==
        "many spaces and lines");
  CHECK(plain("<pre>keep   this\n  indented</pre>") ==
        "keep   this\n  indented");
}

TEST_CASE("html decodes named and numeric entities") {
  CHECK(plain("<p>&amp; &lt; &gt; &quot; &#39; &apos;</p>") == "& < > \" ' '");
  CHECK(plain("<p>&hellip;&nbsp;&eacute;</p>") ==
        "\xE2\x80\xA6\xC2\xA0\xC3\xA9");
  CHECK(plain("<p>&#x1F600; &#128512;</p>") ==
        "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
}

TEST_CASE("html follows Mastodon link markup") {
  std::string link =
      "<p><a href=\"https://example.org/long/path\"><span "
      "class=\"invisible\">https://</span><span "
      "class=\"ellipsis\">example.org/lo</span><span "
      "class=\"invisible\">ng/path</span></a></p>";
  CHECK(plain(link) == "example.org/lo\xE2\x80\xA6");

  std::string mention =
      "<p><span class=\"h-card\"><a href=\"https://x/@bob\" class=\"u-url "
      "mention\">@<span>bob</span></a></span> hi</p>";
  CHECK(plain(mention) == "@bob hi");

  std::string hashtag =
      "<p><a href=\"https://x/tags/rust\" class=\"mention hashtag\" "
      "rel=\"tag\">#<span>rust</span></a></p>";
  CHECK(plain(hashtag) == "#rust");
}

TEST_CASE("html styles mentions, hashtags and links") {
  std::string marked;
  html_to_text(
      "<p><a class=\"u-url mention\" href=\"x\">@<span>bob</span></a>"
      " <a class=\"mention hashtag\" href=\"y\">#tag</a></p>",
      marked);
  CHECK(marked == "\x01h@bob\x02 \x01t#tag\x02");
}

TEST_CASE("html shows the address of a link with other text") {
  CHECK(plain("<p><a href=\"https://example.net/p\">this page</a></p>") ==
        "this page (https://example.net/p)");
  CHECK(plain("<p><a href=\"https://example.net/p\"></a></p>") ==
        "https://example.net/p");
  CHECK(plain("<p><a href=\"https://example.net/p\">example.net/p</a></p>") ==
        "example.net/p");
}

TEST_CASE("html keeps custom emoji as shortcodes") {
  CHECK(plain("<p>hi :blobcat:</p>") == "hi :blobcat:");
  CHECK(plain("<p>hi <img class=\"emoji\" alt=\":blob:\" src=\"x\"></p>") ==
        "hi :blob:");
}

TEST_CASE("html lists, quotes and code") {
  CHECK(plain("<ul><li>a</li><li>b</li></ul>") == "- a\n- b");
  CHECK(plain("<ol start=\"3\"><li>c</li><li>d</li></ol>") == "3. c\n4. d");
  CHECK(plain("<ol reversed start=\"2\"><li>b</li><li>a</li></ol>") ==
        "2. b\n1. a");
  CHECK(plain("<ul><li>a<ul><li>b</li></ul></li></ul>") == "- a\n  - b");
  CHECK(plain("<blockquote><p>q1</p><p>q2</p></blockquote><p>after</p>") ==
        "> q1\n>\n> q2\n\nafter");
  CHECK(plain("<p>x <code>y</code> <strong>z</strong></p>") == "x y z");
}

TEST_CASE("html marks the prefix of quoted lines for the wrapper") {
  std::string marked;
  html_to_text("<blockquote><p>q</p></blockquote>", marked);
  CHECK(marked == "> \x03q");
}

TEST_CASE("html drops scripts, styles and hidden spans") {
  CHECK(plain("<script>alert(1)</script><style>p{}</style><p>ok</p>") == "ok");
  CHECK(plain("<p><span class=\"invisible\">secret</span>shown</p>") ==
        "shown");
}

TEST_CASE("html removes control characters and bidi overrides") {
  CHECK(plain("<p>a\x1b[2Jb</p>") == "a[2Jb");
  CHECK(plain("<p>a&#27;[31mb</p>") == "a[31mb");
  CHECK(plain("<p>c\xC2\x9B"
              "31md</p>") == "c31md");
  CHECK(plain("<p>e\xE2\x80\xAE"
              "f&#x202e;g</p>") == "efg");
  CHECK(plain(std::string("<p>nul\0byte</p>", 15)) == "nulbyte");
}

TEST_CASE("html replaces invalid UTF-8") {
  CHECK(plain("<p>bad\xFF</p>") == "bad\xEF\xBF\xBD");
  CHECK(plain("<p>cut\xE6\x97</p>").find("cut") == 0);
}

TEST_CASE("html survives unclosed tags") {
  CHECK(plain("<p>unclosed <b>bold <i>italic <a href='https://x/'>link") ==
        "unclosed bold italic link (https://x/)");
  CHECK(plain("<p>a<p>b<p>c") == "a\n\nb\n\nc");
  CHECK(plain("text <b") == "text");
}

TEST_CASE("html cuts deep nesting with a note") {
  std::string deep = repeat("<div>", 10000) + "INNER" + repeat("</div>", 10000);
  std::string text = plain("<p>before</p>" + deep);
  CHECK(text.find("before") == 0);
  CHECK(text.find("[content cut: HTML nested deeper than 64 elements]") !=
        std::string::npos);
  CHECK(text.find("INNER") == std::string::npos);
}

TEST_CASE("html cuts many unclosed tags with a note") {
  std::string many = repeat("<b>x", 100000);
  std::string text = plain(many);
  CHECK(text.find("[content cut:") != std::string::npos);
}

TEST_CASE("html cuts many closed tags with a note") {
  std::string many = repeat("<b>x</b>", 20000);
  std::string text = plain(many);
  CHECK(text.find("[content cut: more than 8192 HTML tags]") !=
        std::string::npos);
}

TEST_CASE("html cuts one megabyte of text with a note") {
  std::string big = "<p>" + repeat("word ", 200000) + "</p>";
  REQUIRE(big.size() > 1000000);
  std::string text = plain(big);
  CHECK(text.size() < 300 * 1024);
  CHECK(text.find("[content cut: longer than 256 KiB]") != std::string::npos);
}

TEST_CASE("html cut keeps UTF-8 whole") {
  HtmlLimits limits;
  limits.max_bytes = 4;
  std::string reason;
  // "ab" then the three bytes of U+65E5: a cut at byte 4 would split it.
  CHECK(bound_html("ab\xE6\x97\xA5z", limits, reason) == 2);
  CHECK(!reason.empty());
}

TEST_CASE("html bound keeps ordinary posts whole") {
  std::string reason;
  std::string post = "<p>" + repeat("<a href='x'>l</a> ", 100) + "</p>";
  CHECK(bound_html(post, HtmlLimits{}, reason) == post.size());
  CHECK(reason.empty());
}

TEST_CASE("html arena aligns and reuses blocks") {
  HtmlArena arena;
  void* first = arena.allocate(3);
  void* second = arena.allocate(1);
  CHECK(reinterpret_cast<uintptr_t>(first) % alignof(std::max_align_t) == 0);
  CHECK(reinterpret_cast<uintptr_t>(second) % alignof(std::max_align_t) == 0);
  CHECK(first != second);
  CHECK(arena.used() == 2 * alignof(std::max_align_t));

  arena.reset();
  CHECK(arena.used() == 0);
  CHECK(arena.allocate(8) == first);
}

TEST_CASE("html arena serves blocks beyond one chunk") {
  HtmlArena arena;
  std::vector<char*> blocks;
  for (int i = 0; i < 64; ++i) {
    auto* block = static_cast<char*>(arena.allocate(HtmlArena::kChunkSize / 8));
    std::memset(block, i, HtmlArena::kChunkSize / 8);
    blocks.push_back(block);
  }
  auto* large = static_cast<char*>(arena.allocate(HtmlArena::kChunkSize * 4));
  std::memset(large, 0xFF, HtmlArena::kChunkSize * 4);
  for (int i = 0; i < 64; ++i) {
    CHECK(blocks[static_cast<size_t>(i)][0] == static_cast<char>(i));
  }
  CHECK(arena.used() == HtmlArena::kChunkSize * 12);
}

TEST_CASE("html converts the same after a cut document") {
  std::string first = plain("<p>one <b>two</b></p><ul><li>three</li></ul>");
  std::string big = "<p>" + repeat("<i>word</i> ", 30000) + "</p>";
  CHECK(plain(big).find("[content cut:") != std::string::npos);
  CHECK(plain("<p>one <b>two</b></p><ul><li>three</li></ul>") == first);
  CHECK(first == "one two\n\n- three");
}
