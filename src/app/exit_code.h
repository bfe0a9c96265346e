// Process exit statuses (the table in the man page's EXIT STATUS section).
#pragma once

#include "util/result.h"

namespace mastotail::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitAuth = 3;
inline constexpr int kExitNotFound = 4;
inline constexpr int kExitRetriesSpent = 5;
inline constexpr int kExitTls = 6;
inline constexpr int kExitGaps = 7;

// Returns the exit status for a run that ended with an error of `kind`.
int exit_code_for(ErrorKind kind);

}  // namespace mastotail::app
