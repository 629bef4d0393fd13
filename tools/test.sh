#!/usr/bin/env bash
# Builds the project and runs every test suite (ctest runs lit on
# build/test/<compiler>). Exits non-zero on any failure.
#   BUILD_DIR  build directory (default: build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${BUILD_DIR:-build}

./tools/install-deps.sh
BUILD_DIR="$build_dir" ./tools/build.sh
ctest --test-dir "$build_dir" --output-on-failure
# The other GCC of Debian 12: the GCC plugin built for GCC 11 and its whole
# suite (the real-project runs below stay on the default compilers).
CC=gcc-11 CXX=g++-11 BUILD_DIR="$build_dir-gcc-11" \
  CMAKE_ARGS="-DDEFER_GCC=gcc-11 -DDEFER_BUILD_CLANG_PLUGIN=OFF" ./tools/build.sh
ctest --test-dir "$build_dir-gcc-11" --output-on-failure
# Real projects (zlib, jansson, cJSON) built with each plugin for every
# file; their own test suites must pass as without the plugin.
./tools/realworld/run.sh "$build_dir"
# jansson with its goto error paths rewritten with defer: its test suite
# with both plugins, the allocation-failure check, the code size tables
# (docs/REALWORLD.md; the timing part is tools/realworld/showcase.sh --bench).
./tools/realworld/showcase.sh "$build_dir"
