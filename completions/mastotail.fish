# fish completion for mastotail(1).
#
# This is a template: mastotail-docgen replaces each "@docgen:...@" line
# with commands generated from the option table
# (src/cli/option_table.cpp). The installed file is the filled-in copy in
# the build directory.

# mastotail takes no file arguments except as option values.
complete -c mastotail -f

# @docgen:options@

# @docgen:subcommands@
