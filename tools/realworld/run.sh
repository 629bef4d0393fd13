#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds real C projects from Debian's source packages with a defer plugin
# loaded for every file, runs each project's own test suite, and checks
# that it passes exactly as it does without the plugin.
#
# usage: tools/realworld/run.sh [BUILD_DIR]      (default: build)
# Environment:
#   REALWORLD_PACKAGES  default "zlib jansson cjson"
#   REALWORLD_MODES     default "none gcc clang": no plugin, the GCC
#                       plugin, the Clang plugin (clang-22 for the project)
#   REALWORLD_OUT       work directory (build-realworld)
#
# Needs deb-src entries for apt-get source, which tools/install-deps.sh
# adds when run as root (it runs it if they are missing).
# Prints one line per package and mode, and exits non-zero if a test
# suite fails with a plugin or passes with a plugin but not without.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
packages=${REALWORLD_PACKAGES:-zlib jansson cjson}
modes=${REALWORLD_MODES:-none gcc clang}
out=${REALWORLD_OUT:-$repo/build-realworld}
jobs=$(nproc)

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

# build_and_test PACKAGE MODE: a fresh copy, built with that compiler for
# every file, then the project's own tests.  Logs in $out/<pkg>.<mode>.log.
build_and_test() {
    local pkg=$1 mode=$2 src work cc
    src=$(source_of "$pkg")
    work=$out/work/$pkg.$mode
    rm -rf "$work"
    mkdir -p "$(dirname "$work")"
    cp -a "$src" "$work"
    cc=$(compiler "$mode")
    local exe=${cc%% *} flags=
    if [ "$exe" != "$cc" ]; then flags=${cc#* }; fi
    cd "$work" || return 1
    # Every step must succeed: && chains, as set -e does not hold here.
    case $pkg in
    zlib)
        CC=$cc CFLAGS=-O2 ./configure &&
            make -j"$jobs" &&
            make test
        ;;
    jansson) build_jansson . "$exe" "$flags" 1 ;;
    cjson)
        cmake -S . -B b -DCMAKE_C_COMPILER="$exe" -DCMAKE_C_FLAGS="-O2 $flags" \
            -DENABLE_CJSON_TEST=ON -DENABLE_CJSON_UTILS=ON \
            -DENABLE_CUSTOM_COMPILER_FLAGS=OFF &&
            cmake --build b -j "$jobs" &&
            ctest --test-dir b -j "$jobs" --output-on-failure --no-tests=error
        ;;
    *) die "no recipe for $pkg" ;;
    esac
}

ensure_sources
[ -f "$build/plugin/gcc/defer.so" ] || die "no $build/plugin/gcc/defer.so (build first)"
mkdir -p "$out"
status=0
for pkg in $packages; do
    declare -A result=()
    for mode in $modes; do
        if [ "$mode" = clang ] && [ ! -f "$build/plugin/clang/defer-clang.so" ]; then
            continue
        fi
        log=$out/$pkg.$mode.log
        start=$(date +%s)
        if (build_and_test "$pkg" "$mode") >"$log" 2>&1; then
            result[$mode]=pass
        else
            result[$mode]=FAIL
        fi
        printf '%-8s %-6s %s (%ss, log %s)\n' "$pkg" "$mode" "${result[$mode]}" \
            "$(($(date +%s) - start))" "$log"
    done
    for mode in gcc clang; do
        [ -n "${result[$mode]:-}" ] || continue
        if [ "${result[$mode]}" != "${result[none]:-pass}" ]; then
            echo "realworld: $pkg with the $mode plugin: ${result[$mode]}," \
                "without: ${result[none]:-not run}" >&2
            status=1
        fi
    done
    unset result
done
exit $status
