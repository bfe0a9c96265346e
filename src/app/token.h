// Reading the access token. The token is a secret: it is never logged,
// never put in a URL and never part of an error message.
#pragma once

#include <string>

#include "util/result.h"

namespace mastotail::app {

// Reads the token from `token_file` when it is not empty, else from the
// MASTOTAIL_TOKEN environment variable. Surrounding whitespace is removed.
// Returns "" when neither is set; fails with kUsage when the file cannot
// be read or the token is empty or contains spaces or control characters.
Result<std::string> load_token(const std::string& token_file);

}  // namespace mastotail::app
