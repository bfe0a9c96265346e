// mastotail login INSTANCE: obtain an access token with OAuth and store it
// as an account in the configuration file.
#pragma once

#include "cli/options.h"

namespace mastotail::app {

// Registers the app "mastotail" (scope read) at options.operand, prints the
// authorization URL on stderr, waits for the code (browser callback on a
// loopback port, or pasted; only pasted with --no-browser-callback),
// exchanges it, verifies the token and stores the account. Writes nothing
// on stdout. Returns the process exit status.
int run_login(const cli::Options& options);

}  // namespace mastotail::app
