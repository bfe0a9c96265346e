// JSON text helpers for the fake instance: escaping and small writers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fake {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Returns `text` as a quoted JSON string the way JavaScript's
// JSON.stringify writes it: `"` and `\` are escaped, control characters
// become \b \f \n \r \t or \u00XX, and every other byte (UTF-8, `/`,
// U+2028) is copied unchanged.
std::string json_quote(std::string_view text);

// Returns a JSON object with one string member per header, in list order.
std::string json_object(const HeaderList& members);

}  // namespace fake
