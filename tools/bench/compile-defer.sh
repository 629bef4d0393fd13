#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What `defer` costs a compilation against the same code lowered by hand:
# one large translation unit of CD_FUNCS functions from the fuzzer's
# generator (tools/fuzz/defer_fuzz.py --emit, no panics; fixed seed),
# once with `defer` compiled with the plugin, once with every `defer`
# lowered by hand in plain C (flags and one `goto cleanup` exit, or a
# local array of records for defers in loops and cycles) compiled without
# it.  Both programs are first built and run: each must print what the
# fuzzer's model of the language predicts.  Then, per compiler and level,
# compile-only runs (-c) interleaved, median of CD_REPS wall times and of
# CPU times, and the instructions of every process of one compilation
# (callgrind); ratio = plugin / hand; target: under 5% more (< 1.05).
#
# usage: tools/bench/compile-defer.sh [BUILD_DIR]   (default: build)
# Environment: CD_FUNCS (600), CD_SEED (1), CD_REPS (5),
#   CD_LEVELS ("-O2 -O0"), CD_OUT (build-bench/compile-defer),
#   CD_COUNT=0  skip the callgrind counts (most of a 25-minute run)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
funcs=${CD_FUNCS:-600}
seed=${CD_SEED:-1}
reps=${CD_REPS:-5}
levels=${CD_LEVELS:--O2 -O0}
out=${CD_OUT:-$repo/build-bench/compile-defer}
mkdir -p "$out"

die() { echo "compile-defer: $*" >&2; exit 1; }
gcc_plugin=$build/plugin/gcc/defer.so
clang_plugin=$build/plugin/clang/defer-clang.so
inc=$repo/runtime/include
lib=$build/runtime
[ -f "$gcc_plugin" ] || die "no $gcc_plugin (build first)"
have_clang=0
if [ -f "$clang_plugin" ] && command -v clang-22 >/dev/null; then
    have_clang=1
fi

fuzz=$repo/tools/fuzz/defer_fuzz.py
python3 "$fuzz" --emit defer --funcs "$funcs" --seed "$seed" \
    --expect "$out/expect.txt" >"$out/defer.c"
python3 "$fuzz" --emit hand --funcs "$funcs" --seed "$seed" >"$out/hand.c"

# The two forms are the same program: both print the model's output.
check() {
    local name=$1
    shift
    "$@" -o "$out/$name" 2>"$out/$name.log" || die "building $name failed (see $out/$name.log)"
    "$out/$name" >"$out/$name.out" || die "$name exited with status $?"
    cmp -s "$out/$name.out" "$out/expect.txt" ||
        die "$name does not print the model's output ($out/$name.out)"
}
check defer-gcc gcc -fplugin="$gcc_plugin" -I"$inc" -O2 -w "$out/defer.c" \
    -L"$lib" -Wl,-rpath,"$lib" -ldefer
check hand-gcc gcc -O2 -w "$out/hand.c"
if [ $have_clang = 1 ]; then
    check defer-clang clang-22 -fplugin="$clang_plugin" -I"$inc" -O2 -w \
        "$out/defer.c" -L"$lib" -Wl,-rpath,"$lib" -ldefer
    check hand-clang clang-22 -O2 -w "$out/hand.c"
fi

# Each configuration: a label, the command for the plugin's form, the
# command for the hand-lowered form.
configs=("gcc 12|gcc -fplugin=$gcc_plugin -I$inc $out/defer.c|gcc $out/hand.c"
    "gcc 12, no-unwind|gcc -fplugin=$gcc_plugin -fplugin-arg-defer-no-unwind -I$inc $out/defer.c|gcc $out/hand.c")
if [ $have_clang = 1 ]; then
    configs+=("clang 22|clang-22 -fplugin=$clang_plugin -I$inc $out/defer.c|clang-22 $out/hand.c"
        "clang 22, no-unwind|clang-22 -fplugin=$clang_plugin -fplugin-arg-defer-no-unwind -I$inc $out/defer.c|clang-22 $out/hand.c")
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# "wall cpu" seconds of one compile-only run of COMMAND at LEVEL.
seconds() {
    local level=$1 cmd=$2
    # shellcheck disable=SC2086
    { /usr/bin/time -f '%e %U %S' $cmd $level -w -c -o "$out/x.o" 2>&1 >/dev/null; } |
        tail -n 1 | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}

# Instructions of every process (driver, cc1, as) of one compilation.
instructions() {
    local level=$1 cmd=$2 dir=$out/callgrind
    rm -rf "$dir"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    valgrind -q --tool=callgrind --trace-children=yes \
        --callgrind-out-file="$dir/cg.%p" $cmd $level -w -c -o "$out/x.o" \
        2>/dev/null || die "callgrind on $cmd failed"
    cat "$dir"/cg.* | awk '$1 == "totals:" { s += $2 } END { print s }'
}

echo "compile time of $funcs generated functions ($(wc -l <"$out/defer.c") lines"
echo "with defer, $(wc -l <"$out/hand.c") lowered by hand; seed $seed): plugin"
echo "on the defer form / plain compiler on the hand form, compile only (-c);"
echo "seconds: median of $reps interleaved runs; instructions: callgrind, all"
echo "processes of one compilation; both forms print the model's output"
echo
declare -A counted=()
echo "| compiler | level | wall hand | wall plugin | ratio | CPU hand | CPU plugin | ratio | instr. hand | instr. plugin | ratio |"
echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for level in $levels; do
    for config in "${configs[@]}"; do
        IFS='|' read -r label with hand <<<"$config"
        walls_h='' walls_p='' cpus_h='' cpus_p=''
        for ((r = 0; r < reps; r++)); do
            read -r w c <<<"$(seconds "$level" "$hand")"
            walls_h+="$w " cpus_h+="$c "
            read -r w c <<<"$(seconds "$level" "$with")"
            walls_p+="$w " cpus_p+="$c "
        done
        wh=$(tr ' ' '\n' <<<"$walls_h" | grep . | median)
        wp=$(tr ' ' '\n' <<<"$walls_p" | grep . | median)
        ch=$(tr ' ' '\n' <<<"$cpus_h" | grep . | median)
        cp=$(tr ' ' '\n' <<<"$cpus_p" | grep . | median)
        ih=- ip=- ir=-
        if [ "${CD_COUNT:-1}" = 1 ]; then
            # The hand form's count is the same for both rows of a compiler.
            [ -n "${counted["$level $hand"]:-}" ] ||
                counted["$level $hand"]=$(instructions "$level" "$hand")
            ih=${counted["$level $hand"]}
            ip=$(instructions "$level" "$with")
            ir=$(ratio "$ip" "$ih")
        fi
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
            "$label" "$level" "$wh" "$wp" "$(ratio "$wp" "$wh")" \
            "$ch" "$cp" "$(ratio "$cp" "$ch")" "$ih" "$ip" "$ir"
    done
done
echo
echo "target: under 5% more (ratio < 1.05)"
