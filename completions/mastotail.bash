# bash completion for mastotail(1).
#
# This is a template: mastotail-docgen replaces each "@docgen:...@" line
# with lists generated from the option table (src/cli/option_table.cpp).
# The installed file is the filled-in copy in the build directory.

# @docgen:options@

# @docgen:subcommands@

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
    @any) return ;;
    *)
      mapfile -t COMPREPLY < <(compgen -W "$_mastotail_value" -- "$cur")
      return
      ;;
  esac
  # An unknown option with its value after '=': nothing to complete.
  $split && return

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${_mastotail_options[*]}" -- "$cur")
    return
  fi

  # A subcommand is the first word that is neither an option nor a value.
  local i
  for ((i = 1; i < cword; i++)); do
    if [[ ${words[i]} != -* ]]; then
      _mastotail_option_value "${words[i - 1]}"
      [[ -z $_mastotail_value ]] && return
    fi
  done
  mapfile -t COMPREPLY < <(compgen -W "${_mastotail_subcommands[*]}" -- "$cur")
} &&
  complete -F _mastotail mastotail
