#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Panic-and-recover benchmark: a panic raised DEPTH frames down (each frame
# with a pending defer) and recovered by the outermost one, in C with the
# GCC plugin and the Clang plugin, and in Go 1.19 (tools/bench/go,
# go test -bench BenchmarkPanic), for DEPTH = 1, 10 and 100.  Reports the
# median ns per panic-and-recover of PANIC_REPS runs and the ratio to Go,
# and the GCC build with LIBDEFER_UNWIND=system (libgcc unwinds every
# frame instead of libdefer's walker) for comparison.
#
# usage: tools/bench/panic.sh [BUILD_DIR]   (default: build)
# Environment: PANIC_CALLS (100000), PANIC_REPS (7), PANIC_OUT
#              (build-bench/panic), PANIC_DEPTHS ("1 10 100").
# Go is installed with apt-get when missing and run as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
calls=${PANIC_CALLS:-100000}
reps=${PANIC_REPS:-7}
out=${PANIC_OUT:-$repo/build-bench/panic}
depths=${PANIC_DEPTHS:-1 10 100}
mkdir -p "$out"

die() { echo "panic.sh: $*" >&2; exit 1; }
[ -f "$build/plugin/gcc/defer.so" ] || die "no $build/plugin/gcc/defer.so (build first)"
lib=$build/runtime
inc=$repo/runtime/include

gcc -O2 -fplugin="$build/plugin/gcc/defer.so" -I"$inc" "$here/panic/panic.c" \
    -o "$out/panic-gcc" -L"$lib" -ldefer -Wl,-rpath,"$lib"
have_clang=0
if [ -f "$build/plugin/clang/defer-clang.so" ] && command -v clang-22 >/dev/null; then
    clang-22 -O2 -fplugin="$build/plugin/clang/defer-clang.so" -I"$inc" \
        "$here/panic/panic.c" -o "$out/panic-clang" -L"$lib" -ldefer \
        -Wl,-rpath,"$lib"
    have_clang=1
fi

if ! command -v go >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "panic.sh: installing Debian's golang-go" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go </dev/null >/dev/null 2>&1 || true
fi
have_go=0
if command -v go >/dev/null; then
    export GOPATH=$out/go/path GOCACHE=$out/go/cache GOPROXY=off GOFLAGS='' \
        GOTOOLCHAIN=local CGO_ENABLED=0
    (cd "$here/go" && go test -c -o "$out/panic.test" .) || die "building the Go benchmark failed"
    have_go=1
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r)"
echo "compilers: $(gcc --version | head -n 1); $(clang-22 --version 2>/dev/null | head -n 1); $(go version 2>/dev/null || echo 'Go: missing')"
echo "ns per panic-and-recover, median of $reps runs of $calls (Go: -benchtime=${calls}x)"
echo
echo "| depth | gcc + defer | clang + defer | Go 1.19 | gcc / Go | clang / Go | gcc, libgcc walks |"
echo "|------:|------------:|--------------:|--------:|---------:|-----------:|------------------:|"
for d in $depths; do
    g=$(for ((r = 0; r < reps; r++)); do "$out/panic-gcc" "$d" "$calls" | awk '$1 == "ns" { print $2 }'; done | median)
    # libdefer's frame walker off: libgcc unwinds every frame.
    s=$(for ((r = 0; r < reps; r++)); do LIBDEFER_UNWIND=system "$out/panic-gcc" "$d" "$calls" | awk '$1 == "ns" { print $2 }'; done | median)
    c=n/a
    if [ $have_clang = 1 ]; then
        c=$(for ((r = 0; r < reps; r++)); do "$out/panic-clang" "$d" "$calls" | awk '$1 == "ns" { print $2 }'; done | median)
    fi
    o=n/a
    if [ $have_go = 1 ]; then
        o=$(for ((r = 0; r < reps; r++)); do
            "$out/panic.test" -test.run '^$' -test.bench "BenchmarkPanic/depth=$d\$" \
                -test.benchtime="${calls}x" | awk '$1 ~ /^BenchmarkPanic/ { print $3 }'
        done | median)
    fi
    ratio() { if [ "$2" = n/a ] || [ "$1" = n/a ]; then echo n/a; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; fi; }
    printf "| %5s | %11s | %13s | %7s | %8s | %10s | %17s |\n" "$d" "$g" "$c" "$o" "$(ratio "$g" "$o")" "$(ratio "$c" "$o")" "$s"
done
echo
echo "target: no slower than Go (ratio <= 1.00)"
