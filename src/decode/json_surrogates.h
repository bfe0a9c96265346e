// Repair of escaped lone surrogates in JSON text.
//
// JSON allows "\ud800" (a UTF-16 surrogate escape with no partner), Mastodon
// can emit it, but strict parsers such as jq and simdjson 3.0.1's
// get_string() reject it. Replacing each such escape by "\ufffd" (U+FFFD
// REPLACEMENT CHARACTER) keeps the text valid and the same length.
#pragma once

#include <cstddef>

namespace mastotail::decode {

// Replaces in place, within `text[0, size)`, every "\uXXXX" escape of a
// surrogate (D800-DFFF) that is not part of a high-low pair with "\ufffd",
// and returns the number of escapes replaced. Escaped backslashes are
// honoured: in "\\ud800" the "\ud800" is plain text and stays. Only bytes of
// an escape's four hex digits change, so valid JSON stays valid.
size_t replace_lone_surrogates(char* text, size_t size);

}  // namespace mastotail::decode
