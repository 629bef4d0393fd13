#!/usr/bin/env bash
# Installs the Debian 12 packages that building this project and running
# all of tools/test.sh need: compilers and GCC's plugin headers, LLVM/Clang
# 22 (the Clang plugin, lit, FileCheck) with Clang's sanitizer run-time
# (GCC's comes with gcc), valgrind, gdb, python3 with psutil (lit's per-test
# time limit), the analysers test/analysis runs (clang-tidy, clangd and
# scan-build of LLVM 22, cppcheck), and what tools/realworld/*.sh use to
# fetch, unpack, patch and build Debian's source packages. Run as root, it also writes the deb-src
# entry that `apt-get source` needs (tools/realworld/run.sh):
#   /etc/apt/sources.list.d/defer-src.sources
# derived from the system's configured `deb` entries for its release (the
# codename in /etc/os-release) by tools/apt-sources.sh, and rewritten when
# those change.
#
# Prints nothing when all is in place, else one line per package installed
# (and one for the deb-src entry); apt's own output is shown only when it
# fails. Needs root only when something is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

packages=(
  # building: both plugins, the run-time library, the examples
  gcc g++ make cmake pkg-config binutils
  gcc-12-plugin-dev
  # GCC 11, Debian 12's other GCC: the plugin built for it and its suite
  gcc-11 g++-11 gcc-11-plugin-dev
  clang-22 libclang-22-dev llvm-22-dev
  # the test suites: lit, FileCheck, not, count; the sanitizer tests and
  # fuzz batches under Clang; memcheck, helgrind and gdb tests
  llvm-22-tools libclang-rt-22-dev python3 python3-psutil valgrind gdb
  # the install tests: a Meson project that finds the plugins by pkg-config
  meson
  # test/lower: a C99 compiler without GCC's and Clang's extensions, which
  # builds what defer-lower prints
  tcc
  # test/analysis: the analysers that read code with defer
  clang-tidy-22 clangd-22 clang-tools-22 cppcheck
  # tools/realworld: apt-get source (dpkg-source unpacks .tar.xz/.tar.bz2),
  # the showcase's patch and report
  dpkg-dev bzip2 xz-utils patch mawk
)

installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# quietly COMMAND...: runs COMMAND with its output kept in $log, shown only
# if it fails.
quietly() {
  if ! "$@" </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    echo "install-deps: failed: $*" >&2
    exit 1
  fi
}

export DEBIAN_FRONTEND=noninteractive

# Debian's source packages, for tools/realworld/run.sh (apt-get source): the
# mirror, components and key of the release's own `deb` entries.
src_list=/etc/apt/sources.list.d/defer-src.sources
need_update=0
if ((EUID == 0)); then
  # shellcheck source=/dev/null
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if ! entries=$("$here/apt-sources.sh" deb-src "$codename"); then
    echo "install-deps: no apt 'deb' entry for suite '$codename' to derive" \
      "the deb-src entry from (see /etc/apt/sources.list.d)" >&2
    exit 1
  fi
  want="# Written by tools/install-deps.sh from the $codename 'deb' entries.
$entries"
  if [[ ! -f $src_list || "$(cat "$src_list")" != "$want" ]]; then
    printf '%s\n' "$want" >"$src_list"
    echo "install-deps: deb-src entry for $codename in $src_list"
    need_update=1
  fi
fi

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  if ((need_update)); then quietly apt-get update; fi
  exit 0
fi

if ((EUID != 0)); then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

quietly apt-get update
quietly apt-get install -y --no-install-recommends "${missing[@]}"
for p in "${missing[@]}"; do
  if installed "$p"; then
    echo "install-deps: installed $p"
  else
    echo "install-deps: failed to install $p" >&2
    exit 1
  fi
done
