// JSON text output shared by the renderers.
#pragma once

#include <string>
#include <string_view>

namespace mastotail::render {

// Appends `utf8` to `out` as a JSON string literal, quotes included. Escapes
// '"' and '\' with a backslash and every control character below U+0020 as
// \u00XX. Other characters, U+2028 and U+2029 included, are copied as
// UTF-8. Each byte that is not part of valid UTF-8 becomes U+FFFD, so the
// output is always valid JSON.
void append_json_string(std::string_view utf8, std::string& out);

}  // namespace mastotail::render
