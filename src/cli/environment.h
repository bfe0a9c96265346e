// The environment variables that the command line depends on, as a plain
// struct so that tests can pass their own.
#pragma once

#include <string>

namespace mastotail::cli {

struct Environment {
  std::string instance = {};  // MASTOTAIL_INSTANCE; empty when unset
  std::string account = {};   // MASTOTAIL_ACCOUNT; empty when unset
};

// Reads the variables from the process environment.
Environment read_environment();

}  // namespace mastotail::cli
