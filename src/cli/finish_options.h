// The checks and defaults that need the whole command line: conflicts
// between options, the default timeline, --only-media and the instance.
// Internal to src/cli.
#pragma once

#include "cli/environment.h"
#include "cli/options.h"
#include "cli/parse_state.h"
#include "util/result.h"

namespace mastotail::cli {

// Turns the state after every option was applied into the final Options:
// rejects conflicting options, adds --home when no timeline was given, maps
// --only-media onto the timelines, drops duplicate timelines, and takes the
// instance (when following timelines) and the account from `environment`
// unless -i or --account was given. Returns a kUsage Error naming the
// options or values involved.
Result<Options> finish_options(ParseState state,
                               const Environment& environment);

}  // namespace mastotail::cli
