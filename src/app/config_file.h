// The configuration file: stored accounts with their access tokens.
//
// Location: $MASTOTAIL_CONFIG, else $XDG_CONFIG_HOME/mastotail/config, else
// $HOME/.config/mastotail/config. The file contains access tokens, so
// mastotail creates it with mode 0600 (its directory with 0700). It
// replaces the file atomically (a temporary file in the same directory,
// then rename) and rejects it while group or others have any access to it.
//
// Format, one setting per line; blank lines and lines starting with '#' or
// ';' are ignored, and spaces around '=' and at either end are trimmed:
//
//   default = alice@example.social
//
//   [account alice@example.social]
//   instance = https://example.social
//   token = ...
//   client_id = ...
//   client_secret = ...
//
// `default` (before the first section) names the account to use when
// neither --account nor MASTOTAIL_ACCOUNT is given. Each section needs
// `instance` and `token`. `client_id` and `client_secret` are the OAuth
// application that `mastotail login` registered; logout needs them to
// revoke the token. Values have no quoting and run to the end of the line.
// NOTE: rewriting the file (login, logout, accounts --default) keeps the
// settings but not comments added by hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mastotail::app {

struct StoredAccount {
  std::string name = {};      // "user@host", as `mastotail accounts` lists it
  std::string instance = {};  // instance URL, e.g. https://example.social
  std::string token = {};
  std::string client_id = {};      // empty when unknown
  std::string client_secret = {};  // empty when unknown
};

struct Config {
  std::string default_account = {};  // empty when none is set
  std::vector<StoredAccount> accounts;

  // Returns the account named `name`, or nullptr.
  const StoredAccount* find(std::string_view name) const;

  // Adds `account`, or replaces the account of the same name in place.
  // The first account stored becomes the default when none is set.
  void store(StoredAccount account);

  // Removes the account named `name`; returns false when there is none.
  // When it was the default, the first remaining account (if any) becomes
  // the default.
  bool remove(std::string_view name);
};

// The variables that select the configuration file; unset ones are empty.
struct ConfigLocation {
  std::string mastotail_config = {};  // MASTOTAIL_CONFIG
  std::string xdg_config_home = {};   // XDG_CONFIG_HOME
  std::string home = {};              // HOME
};

// Reads MASTOTAIL_CONFIG, XDG_CONFIG_HOME and HOME from the environment.
ConfigLocation read_config_location();

// Returns the path of the configuration file, or a kUsage error when
// none of the three variables is set.
Result<std::string> config_path(const ConfigLocation& location);

// Checks that an account name has the form user@host without spaces,
// control characters or ']'. Returns a kUsage error saying what is wrong.
Status check_account_name(std::string_view name);

// Parses the text of a configuration file. Errors are kUsage and name
// `path` and the line: "PATH:LINE: reason".
Result<Config> parse_config(std::string_view text, std::string_view path);

// Returns the text of `config`, with a comment that describes the format.
std::string format_config(const Config& config);

// Checks that group and others have no access to the open regular file
// `fd`. The error names the file as `what` and gives the chmod command
// that fixes the mode.
Status check_private_file(int fd, std::string_view what, std::string_view path);

// Reads and parses the file at `path`. A missing file gives an empty
// Config; an unreadable file or one that group or others can access gives
// a kUsage error.
Result<Config> read_config(const std::string& path);

// Writes `config` to `path` atomically with mode 0600, creating missing
// parent directories with mode 0700. Fails with kIo.
Status write_config(const std::string& path, const Config& config);

}  // namespace mastotail::app
