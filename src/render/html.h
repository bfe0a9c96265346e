// HTML to terminal text, for status content, announcements and notes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mastotail::render {

// Bounds applied before parsing, because gumbo 0.10 recurses on deep trees
// and slows down on many unclosed tags. Input beyond a bound is cut and a
// note is appended. Mastodon limits posts to 500 characters by default;
// other servers allow far longer ones, so the size bound is generous.
struct HtmlLimits {
  size_t max_bytes = 256 * 1024;
  int max_depth = 64;  // open elements at a time
  size_t max_tags = 8192;
};

// Appends `html` as marked-up text (see render/markup.h): sanitised,
// whitespace collapsed outside <pre>, paragraphs and other blocks separated
// by a blank line, <br> as a line break, list items as "- " or "N. ",
// blockquotes as "> ", every HTML entity decoded. Mastodon's markup is
// honoured: span.invisible is hidden, span.ellipsis is followed by "…",
// mentions and hashtags keep their "@user" and "#tag" text, and custom
// emoji stay ":shortcode:" (an <img> becomes its alt text). A link whose
// text does not show its address is followed by the address in brackets.
// Nothing is appended for empty content; no trailing line break either.
void html_to_text(std::string_view html, std::string& out,
                  const HtmlLimits& limits = {});

// Returns the length of the longest prefix of `html` that stays within
// `limits` (cut at a tag or UTF-8 character boundary), and sets `reason` to
// a note for the user when it is shorter than `html`.
size_t bound_html(std::string_view html, const HtmlLimits& limits,
                  std::string& reason);

}  // namespace mastotail::render
