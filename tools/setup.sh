#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One-time set-up: installs the build dependencies (Debian 12), builds the
# GCC plugin in ./build, then compiles and runs examples/copy.c with it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./tools/install-deps.sh
BUILD_DIR=build ./tools/build.sh
echo "setup: built build/plugin/gcc/defer.so"

# The build tree's defer-gcc-uninstalled.pc is what pkg-config finds for
# `defer-gcc` when build/ is on PKG_CONFIG_PATH.
mkdir -p build/examples
cflags=$(PKG_CONFIG_PATH=build pkg-config --cflags defer-gcc)
libs=$(PKG_CONFIG_PATH=build pkg-config --libs defer-gcc)
# shellcheck disable=SC2086  # the pkg-config flags are meant to be split
gcc $cflags -O2 -Wall examples/copy.c -o build/examples/copy $libs
echo "setup: gcc \$(pkg-config --cflags --libs defer-gcc) examples/copy.c -o build/examples/copy"
build/examples/copy examples/copy.c build/examples/copy.out
