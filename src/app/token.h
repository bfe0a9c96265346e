// Finding the access token of a run and the instance it belongs to.
//
// Sources, in order; the first one that is set decides:
//   1. --token-file FILE
//   2. --token-command CMD: the first line of what `/bin/sh -c CMD` prints
//   3. the MASTOTAIL_TOKEN environment variable
//   4. the stored account named by --account or MASTOTAIL_ACCOUNT, else the
//      default stored account (see config_file.h)
// Sources 1 to 3 need -i or MASTOTAIL_INSTANCE. A stored account's token
// goes only to that account's instance, which is also the instance when
// -i is not given.
//
// The token is a secret: it is never logged, never put in a URL and never
// part of an error message.
#pragma once

#include <optional>
#include <string>

#include "cli/options.h"
#include "util/result.h"

namespace mastotail::app {

enum class TokenSource { kTokenFile, kTokenCommand, kEnvironment, kAccount };

// The inputs of resolve_credentials(), which token_settings() takes from the
// options and the environment.
struct TokenSettings {
  std::string token_file;                        // --token-file
  std::string token_command;                     // --token-command
  std::optional<std::string> environment_token;  // MASTOTAIL_TOKEN
  std::string account = {};   // --account or MASTOTAIL_ACCOUNT
  std::string instance = {};  // -i or MASTOTAIL_INSTANCE
  std::string config_path;    // empty: no configuration file
};

struct Credentials {
  std::string token = {};
  std::string instance;  // host or URL, as -i accepts it
  TokenSource source = TokenSource::kEnvironment;
  std::string account = {};  // the stored account's name for kAccount
  // Set when an account was selected but a higher source won, e.g.
  // "ignoring account a@b: the token comes from MASTOTAIL_TOKEN".
  std::string warning = {};
};

// Collects the settings from `options` and the process environment.
TokenSettings token_settings(const cli::Options& options);

// Picks the token and the instance as described above. Fails with kUsage
// when no source is set, no instance is known, a source cannot be read,
// --token-command fails, or -i names an instance that no stored account
// belongs to while no other source is set.
Result<Credentials> resolve_credentials(const TokenSettings& settings);

// Reads a token file. Fails with kUsage when it cannot be read, group or
// others can access it, or it contains no single token.
Result<std::string> read_token_file(const std::string& path);

// Runs `command` with /bin/sh -c, with stdin and stderr inherited, and
// returns the first line of its stdout with surrounding whitespace removed.
// Fails with kUsage naming the command's exit status (never its output).
Result<std::string> run_token_command(const std::string& command);

// Names a source for messages, e.g. "--token-file".
std::string describe(TokenSource source);

}  // namespace mastotail::app
