#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What `defer` buys a real code base: jansson 2.14 (Debian 12's source
# package) with its `goto` error paths rewritten with `defer`
# (tools/realworld/showcase/jansson-defer.patch), built and tested next to
# the original, and compared for code size and, with --bench, for speed.
#
# usage: tools/realworld/showcase.sh [--bench] [BUILD_DIR]  (default: build)
#
# Builds (each library at -O2, all with its tests unless noted):
#   original          plain gcc
#   original+plugin   gcc with the GCC plugin, no test run: what loading
#                     the plugin costs code that has no defer (-fexceptions)
#   defer             the patched source, gcc with the GCC plugin
#   defer-nounwind    the same with -fplugin-arg-defer-no-unwind, no test
#                     run: the deferred blocks without unwinding support
#   clang-original    plain clang-22, no test run
#   clang-defer       the patched source, clang-22 with the Clang plugin
#   clang-defer-nounwind  the same with -fplugin-arg-defer-no-unwind, no
#                     test run
# Every test suite must pass.  Each library is then linked with
# tools/realworld/showcase/jansson-bench.c, whose "oom" mode runs the
# converted operations with each of their allocations failing in turn: no
# failure may leak, and every build must give the original's results.  It
# prints the lines the patch changes and the code size of every converted
# function and of the library.
#
# --bench also runs jansson-bench's timed phases with every library,
# checks that all print the same checksums, and reports per phase the
# instructions executed (callgrind, inside the phase only) and the median
# wall-clock time of several runs (variants interleaved).
#
# Environment:
#   SHOWCASE_OUT    work directory (build-realworld/showcase)
#   SHOWCASE_RUNS   timed runs per library (5)
#   SHOWCASE_SCALE  iteration multiplier of a timed run (10; callgrind: 1)
#   SHOWCASE_MEMCHECK=1  run the test suites under valgrind's memcheck
#                   (jansson's JANSSON_TEST_WITH_VALGRIND; minutes per build)
#
# The tables go to stdout and to $SHOWCASE_OUT/results.md; build and test
# logs to $SHOWCASE_OUT/<variant>.log.  Exits non-zero if the patch does
# not apply, a build or test suite fails, the allocation-failure check
# fails, or the benchmark's checksums differ.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bench=0
if [ "${1:-}" = --bench ]; then
    bench=1
    shift
fi
build=${1:-$repo/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
out=${SHOWCASE_OUT:-$repo/build-realworld/showcase}
# Debian's sources are shared with tools/realworld/run.sh.
src_cache=${REALWORLD_OUT:-$repo/build-realworld}/src
runs=${SHOWCASE_RUNS:-5}
scale=${SHOWCASE_SCALE:-10}
memcheck=${SHOWCASE_MEMCHECK:-0}
patch_file=$here/showcase/jansson-defer.patch
include=$repo/runtime/include

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

# name  tree  compiler-mode  extra-flags  tests
variants="
original        original none
original+plugin original gcc        - 0
defer           defer    gcc
defer-nounwind  defer    gcc        -fplugin-arg-defer-no-unwind 0
clang-original  original clang-none - 0
clang-defer     defer    clang
clang-defer-nounwind defer clang    -fplugin-arg-defer-no-unwind 0
"

# prepare_trees: $out/tree-original (Debian's source) and $out/tree-defer
# (patched).
prepare_trees() {
    local src
    src=$(source_of jansson)
    rm -rf "$out/tree-original" "$out/tree-defer"
    cp -a "$src" "$out/tree-original"
    cp -a "$src" "$out/tree-defer"
    (cd "$out/tree-defer" && patch -p1 -s <"$patch_file") ||
        die "$patch_file does not apply to $src"
}

# build_variant NAME TREE MODE FLAGS TESTS: a copy of TREE in $out/NAME,
# built (and tested) with that compiler.
build_variant() {
    local name=$1 tree=$2 mode=$3 flags=$4 tests=$5 cc exe
    [ "$flags" = - ] && flags=
    [ "$tree" = defer ] && flags="-I$include $flags"
    cc=$(compiler "$mode")
    exe=${cc%% *}
    [ "$exe" != "$cc" ] && flags="${cc#* } $flags"
    rm -rf "${out:?}/$name"
    cp -a "$out/tree-$tree" "$out/$name"
    build_jansson "$out/$name" "$exe" "$flags" "$tests" \
        -DJANSSON_EXAMPLES=OFF \
        -DJANSSON_TEST_WITH_VALGRIND="$([ "$memcheck" = 1 ] && echo ON || echo OFF)"
}

# check_oom: links jansson-bench with every library and runs its
# allocation-failure check; each must print what the original prints.
check_oom() {
    local name expected=
    mkdir -p "$out/bin"
    : >"$out/oom.txt"
    for name in "${names[@]}"; do
        if ! gcc -std=gnu11 -O2 -I"$out/$name/b/include" \
            "$here/showcase/jansson-bench.c" "$out/$name/b/lib/libjansson.a" \
            -lm -o "$out/bin/$name" >>"$out/$name.log" 2>&1; then
            echo "$name no-link" >>"$out/oom.txt"
            status=1
            continue
        fi
        if ! "$out/bin/$name" oom >"$out/$name.oom" 2>>"$out/$name.log"; then
            echo "$name FAIL" >>"$out/oom.txt"
            status=1
            continue
        fi
        [ "$name" = original ] && expected=$(cat "$out/$name.oom")
        if [ "$(cat "$out/$name.oom")" = "$expected" ]; then
            echo "$name same $(awk '{print $2}' "$out/$name.oom")" >>"$out/oom.txt"
        else
            echo "$name DIFFERENT" >>"$out/oom.txt"
            status=1
        fi
    done
}

# run_bench: jansson-bench against every library; timed runs interleaved,
# then one callgrind run per phase.  Raw results in $out/bench.
run_bench() {
    local name phase r
    rm -rf "$out/bench"
    mkdir -p "$out/bench"
    for name in "${names[@]}"; do
        [ -x "$out/bin/$name" ] || die "jansson-bench does not link with $name"
    done
    for ((r = 0; r < runs; r++)); do
        for name in "${names[@]}"; do
            "$out/bin/$name" all "$scale" >>"$out/bench/$name.runs" ||
                die "jansson-bench failed with $name"
        done
    done
    for name in "${names[@]}"; do
        for phase in parse errors dump copy pack; do
            valgrind --tool=callgrind --toggle-collect="phase_$phase" \
                --callgrind-out-file="$out/bench/$name.$phase.cg" \
                "$out/bin/$name" "$phase" 1 >"$out/bench/$name.$phase.out" 2>/dev/null ||
                die "callgrind failed on $name $phase"
        done
    done
}

ensure_sources
[ -f "$build/plugin/gcc/defer.so" ] || die "no $build/plugin/gcc/defer.so (build first)"
have_clang=1
[ -f "$build/plugin/clang/defer-clang.so" ] || have_clang=0
mkdir -p "$out"
prepare_trees

# run_variant NAME TREE MODE FLAGS TESTS: build_variant with its log in
# $out/NAME.log; writes "result seconds" to $out/NAME.result.
run_variant() {
    local name=$1 tests=$5 start result
    start=$(date +%s)
    if (build_variant "$@") >"$out/$name.log" 2>&1; then
        result=pass
        [ "$tests" = 1 ] || result=built
    else
        result=FAIL
    fi
    echo "$result $(($(date +%s) - start))" >"$out/$name.result"
}

# Two builds at a time: configuring is mostly waiting.
status=0
running=0
order=()
while read -r name tree mode flags tests; do
    [ -n "$name" ] || continue
    case $mode in clang*) [ $have_clang = 1 ] || continue ;; esac
    order+=("$name")
    run_variant "$name" "$tree" "$mode" "${flags:--}" "${tests:-1}" &
    running=$((running + 1))
    if [ $running -ge 2 ]; then
        wait -n
        running=$((running - 1))
    fi
done <<<"$variants"
wait

names=()
: >"$out/tests.txt"
for name in "${order[@]}"; do
    read -r result seconds <"$out/$name.result"
    [ "$result" = FAIL ] && status=1 || names+=("$name")
    echo "$name $result" >>"$out/tests.txt"
    printf '%-20s %s (%ss, log %s)\n' "$name" "$result" "$seconds" \
        "$out/$name.log" >&2
done

# The original first: the others are compared with it.
case " ${names[*]} " in
*" original "*) check_oom ;;
*) die "the original jansson does not build: see $out/original.log" ;;
esac
if [ $bench = 1 ]; then
    run_bench
fi
python3 "$here/showcase/report.py" "$out" "$patch_file" "${names[@]}" | tee "$out/results.md" ||
    status=1
exit $status
