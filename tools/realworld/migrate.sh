#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# defer-migrate on real C projects from Debian 12's source packages: each
# is converted (--report, then --in-place on every library source), built
# with the GCC plugin and with the Clang plugin, and its own test suite
# must pass in each build exactly as in the unconverted build.  Then a
# workload of the project's own programs runs under callgrind in every
# build, and each converted function's instructions (inclusive) are
# compared with the original's, built by the same compiler.
#
# usage: tools/realworld/migrate.sh [BUILD_DIR]      (default: build)
# Environment:
#   MIGRATE_PACKAGES  default "libyaml json-c libevent"
#   MIGRATE_OUT       work directory (build-realworld/migrate)
#
# Prints per project the report's totals, the test results and the
# instruction ratios; writes them to $MIGRATE_OUT/results.md and the logs
# to $MIGRATE_OUT/<project>/<build>.log.  Exits non-zero if defer-migrate
# fails, a converted build fails, or a test suite's result differs from
# the original's.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
packages=${MIGRATE_PACKAGES:-libyaml json-c libevent}
out=${MIGRATE_OUT:-$repo/build-realworld/migrate}
# Debian's sources are shared with tools/realworld/run.sh.
src_cache=${REALWORLD_OUT:-$repo/build-realworld}/src
migrate=$build/bin/defer-migrate
include=$repo/runtime/include
jobs=$(nproc)

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

# CMake options of each project: its tests on, what needs the network or
# other libraries off.
cmake_options() {
    case $1 in
    libyaml) echo "-DBUILD_TESTING=ON" ;;
    json-c) echo "-DBUILD_TESTING=ON -DDISABLE_WERROR=ON" ;;
    libevent)
        echo "-DEVENT__DISABLE_OPENSSL=ON -DEVENT__DISABLE_MBEDTLS=ON" \
            "-DEVENT__DISABLE_BENCHMARK=ON -DEVENT__DISABLE_SAMPLES=ON" \
            "-DEVENT__LIBRARY_TYPE=STATIC"
        ;;
    *) die "no recipe for $1" ;;
    esac
}

# The project's test suite, in its build directory.  libevent's ctest runs
# every test program once per event backend; here once, with the backend
# Linux uses by default (epoll with a timerfd).
run_tests() {
    case $1 in
    libevent)
        ctest --test-dir "$2" -j "$jobs" --output-on-failure --no-tests=error \
            -R '__timerfd_EPOLL$' --timeout 300
        ;;
    *) ctest --test-dir "$2" -j "$jobs" --output-on-failure --no-tests=error --timeout 300 ;;
    esac
}

# The workload for callgrind, one command a line, run in the build
# directory B with the source tree in S: programs of the project that
# reach the converted code.
workload() {
    local b=$1 s=$2 f
    case $3 in
    libyaml)
        for f in "$s"/examples/*.yaml; do
            echo "$b/run-loader $f"
            echo "$b/run-emitter $f"
        done
        ;;
    json-c) echo "$b/tests/test_json_pointer" ;;
    libevent) echo "$b/bin/regress --quiet evbuffer/.. bufferevent/bufferevent_pair" ;;
    esac
}

# The library sources: what compile_commands.json compiles, but not the
# tests, examples or samples.
library_sources() {
    python3 - "$1" <<'EOF'
import json, os, sys
tree = sys.argv[1]
seen = set()
for e in json.load(open(os.path.join(tree, "cc", "compile_commands.json"))):
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    rel = os.path.relpath(f, tree)
    if rel.startswith("..") or not f.endswith(".c") or f in seen:
        continue
    if rel.split("/")[0] in ("test", "tests", "examples", "sample", "apps", "fuzz", "bench"):
        continue
    seen.add(f)
    print(f)
EOF
}

# convert PKG: $out/PKG/converted, with the report in $out/PKG/report.txt.
convert() {
    local pkg=$1 dir=$out/$1 f
    rm -rf "$dir/converted"
    cp -a "$dir/original" "$dir/converted"
    # shellcheck disable=SC2046  # the options are words
    cmake -S "$dir/converted" -B "$dir/converted/cc" -DCMAKE_C_COMPILER=clang-22 \
        -DCMAKE_EXPORT_COMPILE_COMMANDS=ON $(cmake_options "$pkg") >"$dir/cc.log" 2>&1 ||
        die "$pkg: cmake for compile_commands.json failed (see $dir/cc.log)"
    : >"$dir/report.txt"
    for f in $(library_sources "$dir/converted"); do
        "$migrate" --report -p "$dir/converted/cc" "$f" 2>>"$dir/cc.log" |
            sed "s|$dir/converted/||" >>"$dir/report.txt" ||
            die "$pkg: defer-migrate --report $f failed"
        "$migrate" --in-place -p "$dir/converted/cc" "$f" 2>>"$dir/cc.log" ||
            die "$pkg: defer-migrate --in-place $f failed"
    done
    rm -rf "$dir/converted/cc"
}

# build_variant PKG NAME TREE MODE: TREE built in $out/PKG/NAME with the
# compiler of MODE (lib.sh), at -O2 with debug information; its tests run; "pass" or "FAIL"
# and the build's seconds in $out/PKG/NAME.result.
build_variant() {
    local pkg=$1 name=$2 tree=$3 mode=$4 dir=$out/$1 cc exe flags start result
    cc=$(compiler "$mode")
    exe=${cc%% *}
    # DWARF 4: valgrind 3.19 cannot read what clang-22 writes by default.
    flags="-O2 -gdwarf-4 -I$include"
    [ "$exe" != "$cc" ] && flags="${cc#* } $flags"
    start=$(date +%s)
    rm -rf "${dir:?}/$name"
    # shellcheck disable=SC2046  # the options are words
    if (cmake -S "$dir/$tree" -B "$dir/$name" -DCMAKE_C_COMPILER="$exe" \
        -DCMAKE_C_FLAGS="$flags" -DCMAKE_BUILD_TYPE=None $(cmake_options "$pkg") &&
        cmake --build "$dir/$name" -j "$jobs") >"$dir/$name.log" 2>&1; then
        if (run_tests "$pkg" "$dir/$name") >>"$dir/$name.log" 2>&1; then
            result=pass
        else
            result=FAIL
        fi
        tests=$(grep -Eo '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' \
            "$dir/$name.log" | tail -n 1) || tests=
    else
        result=no-build
        tests=
    fi
    echo "$result $(($(date +%s) - start)) $tests" >"$dir/$name.result"
}

# callgrind_of PKG NAME: the workload under callgrind, every process
# counted; inclusive counts of every function in $out/PKG/NAME.cg.txt.
callgrind_of() {
    local pkg=$1 name=$2 dir=$out/$1 cmd f
    rm -f "$dir/$name".cg.*
    workload "$dir/$name" "$dir/original" "$pkg" | while read -r cmd; do
        # shellcheck disable=SC2086  # a command and its arguments
        (cd "$dir/$name" && valgrind --tool=callgrind --trace-children=yes \
            --callgrind-out-file="$dir/$name.cg.%p" $cmd >/dev/null 2>&1) || true
    done
    : >"$dir/$name.cg.txt"
    for f in "$dir/$name".cg.[0-9]*; do
        [ -e "$f" ] || continue
        callgrind_annotate --inclusive=yes --threshold=100 "$f" \
            >>"$dir/$name.cg.txt" 2>/dev/null || true
        rm -f "$f"
    done
}

[ -x "$migrate" ] || die "no $migrate (built with Clang 22's development files)"
[ -f "$build/plugin/gcc/defer.so" ] || die "no $build/plugin/gcc/defer.so (build first)"
[ -f "$build/plugin/clang/defer-clang.so" ] || die "no $build/plugin/clang/defer-clang.so"
ensure_sources
mkdir -p "$out"
status=0
for pkg in $packages; do
    start=$(date +%s)
    dir=$out/$pkg
    src=$(source_of "$pkg")
    mkdir -p "$dir"
    rm -rf "$dir/original"
    cp -a "$src" "$dir/original"
    convert "$pkg"
    # Two builds at a time.
    build_variant "$pkg" original-gcc original none &
    build_variant "$pkg" defer-gcc converted gcc &
    wait
    build_variant "$pkg" original-clang original clang-none &
    build_variant "$pkg" defer-clang converted clang &
    wait
    for name in original-gcc defer-gcc original-clang defer-clang; do
        callgrind_of "$pkg" "$name"
    done
    python3 "$here/migrate-report.py" "$dir" "$pkg" "$(basename "$src")" \
        >"$dir/results.md" || status=1
    cat "$dir/results.md"
    echo "($pkg: $(($(date +%s) - start)) s)"
done
cat "$out"/*/results.md >"$out/results.md"
exit $status
