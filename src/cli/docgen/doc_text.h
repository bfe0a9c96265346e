// Facts about options and usage lines that every generated document
// shares: which values are file names, the short description, the
// subcommand list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/help.h"
#include "cli/option_table.h"

namespace mastotail::cli::docgen {

// True when the option's value is a file name, so that the shells
// complete file names for it. The table marks this with the value name
// FILE or PATH.
bool takes_file(const OptionSpec& spec);

// True when the option's value is a stored account name, so that the
// shells complete the names that `mastotail accounts` lists. The rule is
// the long name: --account and --default (of mastotail accounts).
bool takes_account(const OptionSpec& spec);

// True when the operand of a subcommand is a stored account name, i.e. its
// synopsis ends with ACCOUNT or [ACCOUNT], as in "mastotail logout
// [ACCOUNT]".
bool operand_is_account(const UsageLine& line);

// Returns the help text up to its first "; ", ": ", " (" or end of a
// sentence, the part that fits a completion menu: "follow a hashtag (stream
// hashtag);
// ..." becomes "follow a hashtag".
std::string_view short_description(std::string_view help);

// Returns `text` with its first letter upper case and a final period, as
// a sentence for the man page.
std::string as_sentence(std::string_view text);

// Returns the usage lines that introduce a subcommand, in --help order.
std::vector<UsageLine> subcommand_lines();

// Returns the options that the parser accepts after `subcommand` (e.g.
// "login"), in table order. The parser's own check decides
// (check_command_options in cli/subcommand.h), so the completions follow
// the parser without a list of their own.
std::vector<const OptionSpec*> subcommand_options(std::string_view subcommand);

// Returns "-i" and "--instance" (or only the long name), as typed.
std::vector<std::string> option_words(const OptionSpec& spec);

}  // namespace mastotail::cli::docgen
