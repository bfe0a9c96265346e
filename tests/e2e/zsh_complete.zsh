#!/bin/zsh -f
# Runs zsh completion on a typed command line and prints each candidate on
# a line of its own. zsh completes only inside its line editor, so this
# starts an interactive zsh on a pseudo-terminal (zsh/zpty), loads the
# completion functions from FPATH_DIR, types the line and a Tab, and
# records the matches of every compadd call.
#
# Usage: zsh -f zsh_complete.zsh FPATH_DIR 'COMMAND LINE' [TRANSCRIPT]
#
# With TRANSCRIPT, also writes everything that zsh printed on its terminal
# to that file, e.g. for a check that the completion printed no message.
zmodload zsh/zpty
fpath_dir=$1
typed=$2
transcript=$3

zpty completer zsh -f -i
zpty -w completer "PROMPT=''; RPROMPT=''; fpath=(${(q)fpath_dir} \$fpath)"
zpty -w completer 'autoload -Uz compinit && compinit -u -D'
zpty -w completer "zstyle ':completion:*' list-grouped false"
zpty -w completer "zstyle ':completion:*' insert-tab false"
zpty -w completer 'bindkey "^I" complete-word'
# Calls with -O, -A or -D only collect matches; the others add them. The
# markers are built at run time so that the echo of these lines does not
# contain them.
zpty -w completer 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"; return
  fi
  local -a hits
  builtin compadd -A hits "$@"
  print -lr -- "${hits[@]/#/${:-cand}idate: }" >/dev/tty
}'
zpty -w completer '_report_end() { print -r -- "${:-compl}etion ended" >/dev/tty; exit }'
zpty -w completer 'comppostfuncs=(_report_end)'
zpty -w -n completer "$typed"$'\t'

local chunk output=''
while [[ $output != *"completion ended"* ]]; do
  if zpty -r -t completer chunk 2>/dev/null; then
    output+=$chunk
  elif zpty -t completer; then
    sleep 0.05
  else
    break
  fi
done
zpty -d completer

if [[ -n $transcript ]]; then
  print -r -- "${output//$'\r'/}" >$transcript
fi

local line
for line in ${(f)output//$'\r'/}; do
  # The first candidate may follow the echo of the typed text on its line.
  [[ $line == *candidate:\ * ]] && print -r -- "${line#*candidate: }"
done

if [[ $output != *"completion ended"* ]]; then
  print -u2 "zsh_complete: the completion did not finish; zsh wrote:"
  print -u2 -r -- "$output"
  exit 1
fi
