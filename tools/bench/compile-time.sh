#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What loading a plugin costs a compilation that has no `defer`: compile
# time of a large generated translation unit (CT_FUNCS functions of
# loops, switches, calls and gotos, no defer) and of zlib's sources
# (from tools/realworld/run.sh's source tree, fetched if missing), at -O2,
# with and without each plugin.  Reports the median of CT_REPS runs and
# the ratio; target: under 1% more (ratio < 1.01).
#
# usage: tools/bench/compile-time.sh [BUILD_DIR]   (default: build)
# Environment: CT_REPS (7), CT_FUNCS (1000), CT_OUT (build-bench/compile-time),
#   CT_COUNT=1  also count instructions with callgrind (all processes of
#               each compilation of zlib's files, gcc with and without the
#               plugin): exact where the timings are noise; ~10 minutes
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
reps=${CT_REPS:-7}
funcs=${CT_FUNCS:-1000}
out=${CT_OUT:-$repo/build-bench/compile-time}
mkdir -p "$out"

die() { echo "compile-time: $*" >&2; exit 1; }
gcc_plugin=$build/plugin/gcc/defer.so
clang_plugin=$build/plugin/clang/defer-clang.so
[ -f "$gcc_plugin" ] || die "no $gcc_plugin (build first)"

# The generated translation unit: ordinary C, no defer.
big=$out/big.c
python3 - "$funcs" >"$big" <<'EOF'
import sys
n = int(sys.argv[1])
print("#include <stdio.h>\n#include <string.h>\nextern int ext(int);")
for i in range(n):
    print(f"""int f{i}(int x, const char *s) {{
  int acc = {i};
  for (int k = 0; k < x; k++) {{
    switch ((k + x) & 3) {{
    case 0: acc += ext(k); break;
    case 1: acc ^= (int)strlen(s) + k; /* fall through */
    case 2: acc -= k * {i % 7 + 1}; break;
    default: if (acc > {i}) goto out; acc++;
    }}
  }}
out:
  if (acc & 1) printf("%d %s\\n", acc, s);
  return acc + ext(x);
}}""")
EOF

zlib=$(find "$repo/build-realworld/src" -maxdepth 1 -type d -name 'zlib-*' 2>/dev/null | head -n 1)
if [ -z "$zlib" ]; then
    REALWORLD_PACKAGES=zlib REALWORLD_MODES=none "$repo/tools/realworld/run.sh" "$build" >/dev/null ||
        die "could not fetch zlib's sources"
    zlib=$(find "$repo/build-realworld/src" -maxdepth 1 -type d -name 'zlib-*' | head -n 1)
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# CPU seconds (user + system) to compile FILES with CC (a command line).
cpu_seconds() {
    local cc=$1 t total=0
    shift
    for f in "$@"; do
        # shellcheck disable=SC2086
        t=$({ /usr/bin/time -f '%U %S' $cc -O2 -w $zlib_flags -c "$f" -o "$out/x.o" 2>&1 >/dev/null; } |
            tail -n 1) || die "compiling $f failed"
        total=$(awk -v a="$total" -v t="$t" 'BEGIN { split(t, p, " "); printf "%.3f", a + p[1] + p[2] }')
    done
    echo "$total"
}

# One row per configuration of COMPILER (gcc or clang): runs interleaved
# with the compiler without plugin, so that a slower machine affects all
# alike; medians of $reps.
rows() {
    local label=$1 compiler=$2 name=$3
    shift 3
    local -a configs=("$compiler")
    if [ "$compiler" = gcc ]; then
        configs+=("gcc -fplugin=$gcc_plugin" "gcc -fplugin=$gcc_plugin -fplugin-arg-defer-no-unwind")
    else
        configs+=("clang-22 -fplugin=$clang_plugin")
    fi
    local -A times=()
    for ((r = 0; r < reps; r++)); do
        for c in "${configs[@]}"; do
            times[$c]+="$(cpu_seconds "$c" "$@") "
        done
    done
    local base with
    base=$(tr ' ' '\n' <<<"${times[$compiler]}" | grep . | median)
    for c in "${configs[@]:1}"; do
        with=$(tr ' ' '\n' <<<"${times[$c]}" | grep . | median)
        local what=$name
        case $c in *no-unwind*) what="$name, no-unwind" ;; esac
        printf '| %s | %s | %s | %s | %s |\n' "$label" "$what" "$base" "$with" \
            "$(awk -v a="$with" -v b="$base" 'BEGIN { printf "%.3f", a / b }')"
    done
}

echo "compile time at -O2: CPU seconds (user + system), median of $reps runs"
echo "interleaved with the compiler without plugin; ratio = with plugin / without"
echo
echo "| input | compiler | without | with plugin | ratio |"
echo "|---|---|--:|--:|--:|"
for input in big zlib; do
    zlib_flags=
    if [ $input = big ]; then
        files=("$big")
        label="generated, $funcs functions, $(wc -l <"$big") lines"
    else
        mapfile -t files < <(ls "$zlib"/*.c)
        label="zlib 1.2.13, ${#files[@]} files"
        zlib_flags="-DHAVE_UNISTD_H -DHAVE_STDARG_H -D_LARGEFILE64_SOURCE=1"
    fi
    rows "$label" gcc "gcc 12" "${files[@]}"
    if [ -f "$clang_plugin" ] && command -v clang-22 >/dev/null; then
        rows "$label" clang-22 "clang 22" "${files[@]}"
    fi
done
echo
echo "target: under 1% more (ratio < 1.010)"

# Instructions of every process (driver, cc1, as) compiling zlib's files.
instructions() {
    local dir=$out/callgrind.$1 f
    shift
    rm -rf "$dir"
    mkdir -p "$dir"
    for f in "$zlib"/*.c; do
        # shellcheck disable=SC2086
        valgrind -q --tool=callgrind --trace-children=yes \
            --callgrind-out-file="$dir/cg.%p" $* -O2 -w \
            -DHAVE_UNISTD_H -DHAVE_STDARG_H -D_LARGEFILE64_SOURCE=1 \
            -c "$f" -o "$out/x.o" 2>/dev/null || die "callgrind on $f failed"
    done
    cat "$dir"/cg.* | awk '$1 == "totals:" { s += $2 } END { print s }'
}

if [ "${CT_COUNT:-0}" = 1 ]; then
    base=$(instructions none gcc)
    with=$(instructions plugin gcc -fplugin="$gcc_plugin")
    echo
    echo "instructions compiling zlib's files with gcc -O2 (callgrind, all processes):"
    echo "  without plugin $base, with plugin $with, ratio $(awk -v a="$with" -v b="$base" 'BEGIN { printf "%.4f", a / b }')"
fi
