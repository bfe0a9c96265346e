// Applies single option occurrences to a ParseState. Internal to src/cli.
#pragma once

#include <string>
#include <string_view>

#include "cli/parse_state.h"
#include "util/result.h"

namespace mastotail::cli {

// Checks the value of `occurrence` against the option's choices and its own
// rules, then stores it in `state`. On failure returns a kUsage Error whose
// message names the option and the value, e.g. "--count 'abc': expected a
// positive integer". --help and --version are left to the caller.
Status apply_option(const Occurrence& occurrence, ParseState& state);

// True when apply_option() has a handler for the option. Every table entry
// needs one.
bool has_handler(std::string_view long_name);

// Formats "--NAME 'VALUE': REASON", or "--NAME: REASON" for an empty value.
std::string option_error(const OptionSpec& spec, std::string_view value,
                         std::string_view reason);

}  // namespace mastotail::cli
