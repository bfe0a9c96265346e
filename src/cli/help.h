// The --help text, made from option_table().
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "cli/option_table.h"

namespace mastotail::cli {

// Maximum length of a --help line, so that it fits an 80-column terminal.
inline constexpr size_t kHelpLineMax = 79;

// One line of the usage summary. The man page's SYNOPSIS and the shell
// completions' subcommand lists are generated from these lines.
struct UsageLine {
  std::string_view synopsis;    // e.g. "mastotail login INSTANCE"
  std::string_view summary;     // e.g. "obtain and store an access token"
  std::string_view subcommand;  // e.g. "login"; empty for the main form
};

// Returns the usage lines in --help order. They live for the whole run.
std::span<const UsageLine> usage_lines();

// Returns the --help text: the usage lines, then every option of
// option_table() under its group title, then the environment variables.
// Every line has at most kHelpLineMax columns (the text is ASCII).
std::string help_text();

// Returns the option as --help shows it, e.g. "-i, --instance HOST|URL" or
// "    --home" (long-only options are indented to line up).
std::string option_synopsis(const OptionSpec& spec);

}  // namespace mastotail::cli
