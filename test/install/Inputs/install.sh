#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install.sh OBJ_ROOT PREFIX [COMMAND [ARG...]]
# `cmake --install OBJ_ROOT --prefix PREFIX` (DESTDIR is honoured), then
# COMMAND if one is given.  cmake --install writes the list of what it
# installed to OBJ_ROOT/install_manifest.txt, which the uninstall target
# reads: the tests take turns (a lock in OBJ_ROOT), so that COMMAND sees the
# manifest of its own install, and put back the one they found, so that the
# uninstall target still removes what the user installed.
set -euo pipefail
obj=$1 prefix=$2
shift 2
exec 9> "$obj/install-tests.lock"
flock 9
manifest=$obj/install_manifest.txt
saved=$(mktemp)
had_manifest=false
if [ -e "$manifest" ]; then
  cp "$manifest" "$saved"
  had_manifest=true
fi
restore() {
  if $had_manifest; then mv "$saved" "$manifest"; else rm -f "$manifest" "$saved"; fi
}
trap restore EXIT
cmake --install "$obj" --prefix "$prefix" > /dev/null
if [ $# -gt 0 ]; then
  "$@"
fi
