#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Prints this system's configured apt `deb` entries for the given suites as
# deb822 stanzas of type TYPE: the same URIs, components and Signed-By (and
# Trusted) as configured, with only the suites that match. tools/install-deps.sh
# derives its deb-src entry from them, tools/fresh-check.sh the sources of
# the system it builds, so neither names a mirror of its own.
#
# usage: tools/apt-sources.sh TYPE SUITE...
#   TYPE   the type of the printed entries: deb or deb-src
#   SUITE  a suite name or shell pattern ('bookworm', 'bookworm-*')
#
# Reads what apt reads: Dir::Etc::sourcelist (one-line format, by default
# /etc/apt/sources.list) and Dir::Etc::sourceparts (*.list in the one-line
# format, *.sources in deb822, by default /etc/apt/sources.list.d).
# Comments, `deb-src` entries and entries with `Enabled: no` are left out.
# Exits 1, printing nothing, when no entry matches.
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 TYPE SUITE..." >&2
  exit 2
fi
type=$1
shift
patterns=("$@")

list=/etc/apt/sources.list
parts=/etc/apt/sources.list.d
if command -v apt-config >/dev/null; then
  eval "$(apt-config shell list Dir::Etc::sourcelist/f parts Dir::Etc::sourceparts/d)"
fi

found=0
declare -A field=()

# words TEXT: the whitespace-separated words of TEXT (over several lines)
# on one line, without glob expansion.
words() {
  local -a w
  read -ra w -d '' <<<"$1" || true
  echo "${w[*]}"
}

# matching_suites SUITES: those of the words of SUITES that match a pattern.
matching_suites() {
  local s p out=()
  local -a suites
  read -ra suites -d '' <<<"$1" || true
  for s in "${suites[@]}"; do
    for p in "${patterns[@]}"; do
      # shellcheck disable=SC2053  # the pattern is meant to match as a glob
      if [[ $s == $p ]]; then
        out+=("$s")
        break
      fi
    done
  done
  echo "${out[*]}"
}

# emit URIS SUITES COMPONENTS SIGNED-BY TRUSTED: one stanza, if any of
# SUITES matches. SIGNED-BY may hold continuation lines (an inline key).
emit() {
  local suites
  suites=$(matching_suites "$2")
  [[ -n $suites ]] || return 0
  ((found == 0)) || echo
  found=1
  printf 'Types: %s\nURIs: %s\nSuites: %s\nComponents: %s\n' \
    "$type" "$(words "$1")" "$suites" "$(words "$3")"
  if [[ $4 == $'\n'* ]]; then
    printf 'Signed-By:%s\n' "$4" # a key inline, from the next line on
  elif [[ -n $4 ]]; then
    printf 'Signed-By: %s\n' "$4"
  fi
  if [[ -n $5 ]]; then printf 'Trusted: %s\n' "$5"; fi
}

# one_line FILE: the `deb [options] URI SUITE COMPONENT...` lines of FILE.
one_line() {
  local line i opts signed trusted o
  local -a w o_words
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%%#*}
    read -ra w <<<"$line"
    if ((${#w[@]} < 3)) || [[ ${w[0]} != deb ]]; then continue; fi
    i=1 opts=""
    if [[ ${w[1]} == '['* ]]; then
      while ((i < ${#w[@]})); do
        opts+=" ${w[i]}"
        i=$((i + 1))
        [[ ${w[i - 1]} != *']' ]] || break
      done
    fi
    ((${#w[@]} >= i + 2)) || continue
    read -ra o_words <<<"${opts//[\[\]]/ }"
    signed="" trusted=""
    for o in "${o_words[@]}"; do
      case $o in
      signed-by=*) signed=${o#*=} ;;
      trusted=*) trusted=${o#*=} ;;
      esac
    done
    emit "${w[i]}" "${w[i + 1]}" "${w[*]:i+2}" "$signed" "$trusted"
  done <"$1"
}

# stanza_end: emits the deb822 stanza held in $field, if of type deb and
# enabled, and empties $field.
stanza_end() {
  local enabled=${field[enabled]:-yes} types
  types=" $(words "${field[types]:-}") "
  if [[ ${enabled,,} != no && $types == *" deb "* ]]; then
    emit "${field[uris]:-}" "${field[suites]:-}" "${field[components]:-}" \
      "${field[signed-by]:-}" "${field[trusted]:-}"
  fi
  field=()
}

# deb822 FILE: the stanzas of FILE.
deb822() {
  local line key=""
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^[[:space:]]*$ ]]; then
      stanza_end
      key=""
    elif [[ $line == \#* ]]; then
      continue
    elif [[ $line =~ ^[[:space:]] && -n $key ]]; then
      field[$key]+=$'\n'$line
    elif [[ $line =~ ^([A-Za-z0-9-]+):[[:space:]]*(.*)$ ]]; then
      key=${BASH_REMATCH[1],,}
      field[$key]=${BASH_REMATCH[2]}
    fi
  done <"$1"
  stanza_end
}

if [[ -f $list ]]; then one_line "$list"; fi
for file in "$parts"/*.list; do
  if [[ -f $file ]]; then one_line "$file"; fi
done
for file in "$parts"/*.sources; do
  if [[ -f $file ]]; then deb822 "$file"; fi
done
((found))
