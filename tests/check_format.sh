#!/bin/sh
# Fails when a C++ file is not clang-formatted or has a line over 80 columns.
set -u
root=${1:-.}
cd "$root" || exit 1
status=0
files=$(git ls-files --cached --others --exclude-standard \
  '*.cpp' '*.h' 2>/dev/null || find src tests bench -name '*.cpp' -o -name '*.h')
for f in $files; do
  [ -f "$f" ] || continue
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not clang-formatted: $f (run: clang-format -i $f)"
    status=1
  fi
  long=$(awk 'length > 80 { print FILENAME ":" FNR }' "$f")
  if [ -n "$long" ]; then
    echo "over 80 columns: $long"
    status=1
  fi
done
[ $status -eq 0 ] && echo "all C++ files formatted"
exit $status
