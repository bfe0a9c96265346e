// The subcommands login, logout and accounts: which one a command line
// names, which options each takes and their operands. Internal to src/cli.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "cli/parse_state.h"
#include "util/result.h"

namespace mastotail::cli {

// Removes a leading subcommand name from `arguments` and returns its
// Command; returns Command::kFollow and leaves `arguments` as they are
// when the first argument names no subcommand.
Command take_subcommand(std::vector<std::string>& arguments);

// Rejects options that `command` does not take, e.g. --tag with login or
// --default without accounts. Errors are kUsage.
Status check_command_options(Command command,
                             const std::vector<Occurrence>& occurrences);

// Checks the operands (arguments that are not options) of `command` and
// stores them in `options`: login takes one INSTANCE, logout at most one
// ACCOUNT, the others none. Errors are kUsage.
Status apply_operands(Command command, const std::vector<std::string>& operands,
                      Options& options);

}  // namespace mastotail::cli
