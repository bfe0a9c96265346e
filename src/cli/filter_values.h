// Checks and conversions of the values of the filter options (--lang,
// --visibility, --events, --from, ...). Like cli/values.h, each function
// returns an Error of kind kUsage whose message is only the reason; the
// caller adds the option and the value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mastotail::cli {

// Parses --lang: a 2- or 3-letter ISO 639 code, returned in lowercase, or
// "none" for statuses without a language.
Result<std::string> parse_language(std::string_view text);

// Parses --visibility: a comma-separated list of public, unlisted, private,
// direct, limited and local (the last two exist on forks of Mastodon).
Result<std::vector<std::string>> parse_visibility_list(std::string_view text);

// Parses --events: a comma-separated list of Mastodon streaming event
// names, e.g. "update,notification".
Result<std::vector<std::string>> parse_event_list(std::string_view text);

// Checks --from and --exclude-from: "user", "user@domain", "@user@domain"
// or "@domain". User names are letters, digits and "_.-"; domains are
// letters, digits, ".-" and non-ASCII bytes (internationalised names).
Status check_account(std::string_view text);

// Checks --match and --exclude before RE2 compiles them: rejects an empty
// pattern, which would match every status.
Status check_pattern(std::string_view text);

}  // namespace mastotail::cli
