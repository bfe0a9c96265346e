// One run of mastotail with validated options: returns the exit status.
#pragma once

#include "cli/options.h"

namespace mastotail::app {

// Follows the selected timelines (or replays a file) until --count is
// reached, the reader closes stdout, a signal arrives or an error that
// retrying cannot fix occurs. Returns the process exit status.
int run(const cli::Options& options);

}  // namespace mastotail::app
