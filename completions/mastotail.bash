# bash completion for mastotail(1).
#
# This is a template: mastotail-docgen replaces each "@docgen:...@" line
# with lists generated from the option table (src/cli/option_table.cpp).
# The installed file is the filled-in copy in the build directory.

# @docgen:options@

# @docgen:subcommands@

# Prints the names of the stored accounts, one per line. `mastotail
# accounts` lists each as "* NAME  URL" (the default account) or
# "  NAME  URL". The configuration file contains access tokens, so the
# completion runs mastotail instead of reading it. Its stderr (e.g. "no
# stored accounts") is discarded so that nothing reaches the terminal.
_mastotail_accounts() {
  local line
  command mastotail accounts 2>/dev/null | while read -r line; do
    line=${line#'* '}
    printf '%s\n' "${line%% *}"
  done
}

_mastotail() {
  local cur prev words cword split
  _init_completion -s || return

  local _mastotail_value
  _mastotail_option_value "$prev"
  case $_mastotail_value in
    "") ;;
    @file)
      _filedir
      return
      ;;
    @account)
      mapfile -t COMPREPLY < <(compgen -W "$(_mastotail_accounts)" -- "$cur")
      return
      ;;
    @any) return ;;
    *)
      mapfile -t COMPREPLY < <(compgen -W "$_mastotail_value" -- "$cur")
      return
      ;;
  esac
  # An unknown option with its value after '=': nothing to complete.
  $split && return

  # A subcommand is the first word after mastotail and selects the options
  # that may follow.
  local subcommand=
  if ((cword > 1)) &&
    [[ " ${_mastotail_subcommands[*]} " == *" ${words[1]} "* ]]; then
    subcommand=${words[1]}
  fi

  if [[ $cur == -* ]]; then
    local option_words="${_mastotail_options[*]}"
    if [[ -n $subcommand ]]; then
      _mastotail_subcommand_options "$subcommand"
      option_words=$_mastotail_value
    fi
    mapfile -t COMPREPLY < <(compgen -W "$option_words" -- "$cur")
    return
  fi

  if ((cword == 1)); then
    mapfile -t COMPREPLY < <(compgen -W "${_mastotail_subcommands[*]}" -- "$cur")
    return
  fi
  [[ -z $subcommand ]] && return

  # The operand is the first word after the subcommand that is neither an
  # option nor the value of one, so only complete it while there is none.
  local i
  for ((i = 2; i < cword; i++)); do
    [[ ${words[i]} == -* ]] && continue
    ((i == 2)) && return
    _mastotail_option_value "${words[i - 1]}"
    [[ -z $_mastotail_value ]] && return
  done
  _mastotail_operand_value "$subcommand"
  if [[ $_mastotail_value == @account ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_mastotail_accounts)" -- "$cur")
  fi
} &&
  complete -F _mastotail mastotail
