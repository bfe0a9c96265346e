// Terminal safety for text that came from the network.
//
// Removes what a terminal would interpret instead of print: C0 controls
// (U+0000-U+001F, U+007F; ESC among them, so no escape sequence survives),
// C1 controls (U+0080-U+009F), and the bidirectional embeddings, overrides
// and isolates (U+202A-U+202E, U+2066-U+2069). Invalid UTF-8 bytes become
// U+FFFD. Everything else, including combining marks and emoji, is kept.
#pragma once

#include <string>
#include <string_view>

namespace mastotail {

// Appends the safe form of `text` to `out`, keeping '\n' and '\t'. U+2028
// and U+2029 become '\n'; a lone '\r' or "\r\n" becomes '\n'.
void append_sanitized(std::string_view text, std::string& out);

// Appends the safe form of `text` to `out` as one line: every line break,
// tab, U+2028 and U+2029 becomes a single space.
void append_sanitized_line(std::string_view text, std::string& out);

// Returns the safe form of `text` as one line (see append_sanitized_line).
std::string sanitized_line(std::string_view text);

// Returns true when `codepoint` must never reach a terminal.
bool is_unsafe_codepoint(char32_t codepoint);

}  // namespace mastotail
