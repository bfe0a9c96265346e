// The state that parse_command_line() builds while it applies the options
// of one command line in the order given. Internal to src/cli.
#pragma once

#include <string>

#include "cli/option_table.h"
#include "cli/options.h"

namespace mastotail::cli {

// One option as it occurred on the command line.
struct Occurrence {
  const OptionSpec* spec = nullptr;  // points into option_table()
  std::string value;                 // the value; empty for a flag
};

struct ParseState {
  Options options;
  std::string output_value;  // --output as given; empty when absent
  bool json = false;         // --json
  bool instance_given = false;
  bool quiet = false;
  int verbose_count = 0;  // number of -v
};

}  // namespace mastotail::cli
