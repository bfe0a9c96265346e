// application/x-www-form-urlencoded bodies and query strings, with the
// percent-encoding of net/url.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/url.h"

namespace mastotail::net {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX escapes and, because form bodies and queries use it for a
// space, '+'. A '%' without two hex digits is kept as it is.
std::string percent_decode(std::string_view text);

// Joins the fields as name=value pairs separated by '&', each side
// percent-encoded.
std::string form_encode(const FormFields& fields);

// Splits a query string or form body (without a leading '?') into decoded
// fields, in order. A field without '=' gets an empty value.
FormFields parse_form(std::string_view text);

// Returns the value of the first field named `name`, or nullopt.
std::optional<std::string> form_value(const FormFields& fields,
                                      std::string_view name);

}  // namespace mastotail::net
