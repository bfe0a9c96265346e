// Marked-up text: the renderers' intermediate form between entity fields and
// terminal output.
//
// Text in this form is already sanitised (see util/sanitize.h), so it holds
// no C0 control characters of its own; three of them are used as markers:
//   kStyleBegin, then one Style byte: the following text has that style;
//   kStyleEnd: back to plain text (styles do not nest);
//   kPrefixEnd: the text before it on this line is a block prefix ("> ",
//     "- ", "1. ") that the wrapper repeats, as spaces, on continuation
//     lines; '>' characters are repeated as they are;
//   kGlue: a space at which lines do not break.
// finish_markup() turns markers into ANSI SGR sequences or drops them.
#pragma once

#include <string>
#include <string_view>

namespace mastotail::render {

inline constexpr char kStyleBegin = '\x01';
inline constexpr char kStyleEnd = '\x02';
inline constexpr char kPrefixEnd = '\x03';
inline constexpr char kGlue = '\x04';

enum class Style : char {
  kName = 'n',     // display names
  kHandle = 'h',   // @acct, mentions
  kLink = 'l',     // URLs and links
  kTag = 't',      // hashtags
  kWarning = 'w',  // content warnings, filters, cut content
  kKind = 'k',     // event and notification kinds
  kMeta = 'm',     // times, visibility, language, counts
};

inline bool is_markup_byte(char c) {
  return c == kStyleBegin || c == kStyleEnd || c == kPrefixEnd || c == kGlue;
}

// Appends the markers that start `style`.
inline void begin_style(Style style, std::string& out) {
  out += kStyleBegin;
  out += static_cast<char>(style);
}

inline void end_style(std::string& out) { out += kStyleEnd; }

// Appends network `text`, sanitised to one line, with `style`.
void append_styled(Style style, std::string_view text, std::string& out);

// Appends `text`, which the caller wrote (not from the network), with
// `style`.
void append_styled_literal(Style style, std::string_view text,
                           std::string& out);

// Appends `marked` to `out` with every marker replaced by an ANSI SGR
// sequence (`color`) or removed.
void finish_markup(std::string_view marked, bool color, std::string& out);

// Appends `marked` without its markers.
void strip_markup(std::string_view marked, std::string& out);

}  // namespace mastotail::render
