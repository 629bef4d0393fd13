#!/bin/sh
# SPDX-License-Identifier: MIT
# no-crash.sh "COMPILER AND FLAGS" DIR: compiles every DIR/*.c at -O0 and
# -O2 and fails if the compiler crashes or reports an internal error (also
# one after errors, which GCC reports as "confused by earlier errors").
# A diagnostic (exit status 1) is fine: the inputs are hostile on purpose.
cc=$1
dir=$2
n=0
bad=0
for f in "$dir"/*.c; do
  for opt in -O0 -O2; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    out=$($cc $opt -c "$f" -o /dev/null 2>&1)
    rc=$?
    if [ "$rc" -gt 1 ] || printf '%s\n' "$out" |
      grep -q -i -e 'internal compiler error' -e 'PLEASE submit' -e 'Stack dump' \
        -e 'Segmentation fault' -e 'Assertion' -e 'confused by earlier errors'; then
      echo "CRASH: $f $opt (status $rc)"
      printf '%s\n' "$out" | tail -n 20
      bad=$((bad + 1))
    fi
  done
done
echo "$n compilations, $bad crashes"
[ "$bad" = 0 ]
