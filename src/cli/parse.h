// Parsing and validation of the command line into Options.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/environment.h"
#include "cli/options.h"

namespace mastotail::cli {

struct ParseResult {
  // Set when mastotail should run; empty after --help, --version or an
  // error, and then the process should exit with exit_code.
  std::optional<Options> options = {};
  int exit_code = 0;        // 0, or 2 for a usage error
  std::string output = {};  // --help or --version text for stdout
  std::string error =
      {};  // usage error without the "mastotail: error: " prefix
};

// Exit status of a usage or configuration error.
inline constexpr int kUsageExitCode = 2;

// Parses the arguments that follow the program name and validates them.
// Writes nothing: the texts for stdout and stderr are in the result. Never
// throws a CLI11 exception.
ParseResult parse_arguments(const std::vector<std::string>& arguments,
                            const Environment& environment);

// Parses argv (argv[0] is the program) like parse_arguments(), then writes
// --help and --version to stdout and an error to stderr as
// "mastotail: error: ...".
ParseResult parse_command_line(int argc, const char* const* argv,
                               const Environment& environment);

}  // namespace mastotail::cli
