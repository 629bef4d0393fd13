#!/usr/bin/env bash
# Configures and builds the project in $BUILD_DIR (default: build), printing
# the tool output only when a step fails. Used by setup.sh and test.sh.
#   BUILD_DIR   build directory, relative to the repository root or absolute
#   BUILD_TYPE  CMAKE_BUILD_TYPE of a new build directory (default: Release)
#   JOBS        parallel build jobs (default: 2)
#   CMAKE_ARGS  more options for a new build directory's configure step
#               (-DDEFER_GCC=gcc-11, -DDEFER_CLANG=clang-19, ...)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${BUILD_DIR:-build}

quietly() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    echo "build: failed: $*" >&2
    exit 1
  fi
}

# The GCC plugin must be built by g++; a first configure picks GCC unless
# CC/CXX say otherwise.
# shellcheck disable=SC2086  # CMAKE_ARGS holds several words
quietly env CC="${CC:-gcc}" CXX="${CXX:-g++}" \
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  ${CMAKE_ARGS:-}
quietly cmake --build "$build_dir" -j "${JOBS:-2}"
