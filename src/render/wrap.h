// Display width and word wrapping of marked-up text (see render/markup.h).
#pragma once

#include <string>
#include <string_view>

namespace mastotail::render {

// Returns the number of terminal columns `codepoint` takes: 0 for combining
// and zero-width characters, 2 for East Asian wide characters and most
// emoji (as libutf8proc classifies them), else 1.
int codepoint_width(char32_t codepoint);

// Returns the number of terminal columns of sanitised, possibly marked-up
// UTF-8 text; markers take none. Emoji sequences joined with U+200D count as
// the sum of their parts, which is wider than most terminals draw them.
int display_width(std::string_view marked);

// Appends marked-up `text`, split into lines at '\n', each line wrapped to
// `width` columns (0: not wrapped) and every output line started with
// `indent` spaces, continuation lines with `hanging` more; every output
// line ends with '\n'. Lines break at spaces
// and between wide characters (CJK text has no spaces); a word longer than
// the width is kept whole (a URL stays clickable) and overflows. A style
// that spans a line break is ended before it and started again after the
// indent.
void append_wrapped(std::string_view text, int indent, int width,
                    std::string& out, int hanging = 0);

}  // namespace mastotail::render
