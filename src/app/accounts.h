// mastotail accounts and mastotail logout: list, choose and remove the
// stored accounts of the configuration file (config_file.h).
#pragma once

#include "cli/options.h"

namespace mastotail::app {

// Lists the stored accounts on stdout, one per line: "* " for the default
// account or two spaces, the name, two spaces and the instance URL. With
// --default NAME, makes NAME the default instead. Returns the exit status.
int run_accounts(const cli::Options& options);

// Revokes the token of a stored account (POST /oauth/revoke) and removes
// the account. The account is the operand, else --account or
// MASTOTAIL_ACCOUNT, else the default one. When the instance cannot be
// reached the account is kept; when it answers with an error the account is
// removed with a warning. Returns the exit status.
int run_logout(const cli::Options& options);

}  // namespace mastotail::app
