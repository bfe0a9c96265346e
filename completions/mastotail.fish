# fish completion for mastotail(1).
#
# This is a template: mastotail-docgen replaces each "@docgen:...@" line
# with commands generated from the option table
# (src/cli/option_table.cpp). The installed file is the filled-in copy in
# the build directory.

# mastotail takes no file arguments except as option values.
complete -c mastotail -f

# Tests whether the subcommand, the first word after mastotail, is one of
# the arguments.
function __mastotail_subcommand_is
    set -l tokens (commandline -opc)
    set -q tokens[2]; and contains -- $tokens[2] $argv
end

# Prints the names of the stored accounts, one per line. `mastotail
# accounts` lists each as "* NAME  URL" (the default account) or
# "  NAME  URL". The configuration file contains access tokens, so the
# completion runs mastotail instead of reading it. Its stderr (e.g. "no
# stored accounts") is discarded so that nothing reaches the terminal.
function __mastotail_accounts
    command mastotail accounts 2>/dev/null |
        string replace -rf '^[* ] (\S+).*' '$1'
end

# @docgen:options@

# The subcommand names, and the stored account names for an operand that
# is an account (logout's).
# NOTE: fish offers those account names for every word after logout, not
# only the first operand, because the condition is only
# __mastotail_subcommand_is.
# @docgen:subcommands@
