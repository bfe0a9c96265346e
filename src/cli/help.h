// The --help text, made from option_table().
#pragma once

#include <cstddef>
#include <string>

#include "cli/option_table.h"

namespace mastotail::cli {

// Maximum length of a --help line, so that it fits an 80-column terminal.
inline constexpr size_t kHelpLineMax = 79;

// Returns the --help text: the usage lines, then every option of
// option_table() under its group title, then the environment variables.
// Every line has at most kHelpLineMax columns (the text is ASCII).
std::string help_text();

// Returns the option as --help shows it, e.g. "-i, --instance HOST|URL" or
// "    --home" (long-only options are indented to line up).
std::string option_synopsis(const OptionSpec& spec);

}  // namespace mastotail::cli
