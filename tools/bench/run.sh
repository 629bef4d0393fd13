#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark of `defer` against hand-written cleanup code.
#
# Builds the same workloads several ways (variants), checks that every variant
# of a workload computes the same results, then reports per call:
#   - instructions executed inside the workload function (callgrind, counting
#     only inside wl_<workload> and its callees: start-up and the driver loop
#     are excluded);
#   - median wall-clock nanoseconds over several runs (variants interleaved
#     so that drifting machine load hits them all alike);
#   - both as ratios against the best hand-written variant of the same
#     compiler (group).
#
# usage: tools/bench/run.sh [PATH/TO/defer.so]
#        (default: build/plugin/gcc/defer.so in the repository)
#
# Environment (all optional):
#   BENCH_VARIANTS   variants to run, default "defer goto cleanup"; the others
#                    known are _Defer (block-scoped, the GCC plugin's),
#                    clang-defer clang-_Defer (Clang's own, -fdefer-ts)
#                    clang-plugin-_Defer (the same through the plugin)
#                    clang-goto clang-cleanup,
#                    cleanup-unwind, clang-cleanup-unwind (the cleanup
#                    attribute with -fexceptions: hand-written code that
#                    runs its cleanups on unwinding too, as defer does),
#                    and defer-nounwind, clang-defer-nounwind (the plugin
#                    without unwinding support: what panics cost when none
#                    happens is the difference to defer, clang-defer)
#   BENCH_WORKLOADS  workloads to run, default: all that the driver lists
#   BENCH_CALLS      calls per timed run (10000000)
#   BENCH_REPS       timed runs per workload and variant (11)
#   BENCH_CG_CALLS   calls under callgrind (200000)
#   BENCH_OUT        build and result directory (build-bench/bench)
#   BENCH_CPU        pin timed runs to this CPU with taskset
#   BENCH_WERROR=1   make compiler warnings fatal
#   BENCH_GCC, BENCH_CLANG                compilers (gcc, clang-22)
#   BENCH_CLANG_PLUGIN                    the Clang plugin
#                    (build/plugin/clang/defer-clang.so)
#
# Adding a variant: one line in variant_table (name, group, kind, source
# suffix, compile command) and, if it needs its own spelling, one file
# workloads/<workload>_<suffix>.c per workload.  It then appears as one more
# row per workload and one more column in the per-variant tables.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

plugin=${1:-$repo/build/plugin/gcc/defer.so}
case $plugin in /*) ;; *) plugin=$PWD/$plugin ;; esac
clang_plugin=${BENCH_CLANG_PLUGIN:-$repo/build/plugin/clang/defer-clang.so}
gcc=${BENCH_GCC:-gcc}
clang=${BENCH_CLANG:-clang-22}
variants=${BENCH_VARIANTS:-defer goto cleanup}
calls=${BENCH_CALLS:-10000000}
reps=${BENCH_REPS:-11}
cg_calls=${BENCH_CG_CALLS:-200000}
out=${BENCH_OUT:-$repo/build-bench/bench}
cflags="-std=gnu11 -O2 -Wall -Wextra"
if [ "${BENCH_WERROR:-0}" = 1 ]; then cflags="$cflags -Werror"; fi
pin=()
if [ -n "${BENCH_CPU:-}" ]; then pin=(taskset -c "$BENCH_CPU"); fi

# One line per variant: name group kind suffix compile-command...
#   group   ratios compare a variant with the hand-written ones of its group
#   kind    hand (hand-written reference) or defer (the form under test)
#   suffix  the sources are workloads/<workload>_<suffix>.c
variant_table() {
    cat <<EOF
defer         gcc   defer defer    $gcc -fplugin=$plugin
defer-nounwind gcc  defer defer    $gcc -fplugin=$plugin -fplugin-arg-defer-no-unwind
_Defer        gcc   defer defer_ts $gcc -fplugin=$plugin
goto          gcc   hand  goto     $gcc
cleanup       gcc   hand  cleanup  $gcc
clang-defer   clang defer defer    $clang -fplugin=$clang_plugin
clang-defer-nounwind clang defer defer $clang -fplugin=$clang_plugin -fplugin-arg-defer-no-unwind
clang-_Defer  clang defer defer_ts $clang -fdefer-ts
clang-plugin-_Defer clang defer defer_ts $clang -fplugin=$clang_plugin
clang-goto    clang hand  goto     $clang
clang-cleanup clang hand  cleanup  $clang
cleanup-unwind gcc  hand  cleanup  $gcc -fexceptions
clang-cleanup-unwind clang hand cleanup $clang -fexceptions
EOF
}

die() {
    echo "run.sh: $*" >&2
    exit 1
}

# Prints the reason a variant cannot be built here, or nothing.
variant_missing() {
    local word
    command -v "$1" >/dev/null || { echo "no compiler $1"; return; }
    for word in "$@"; do
        case $word in
        -fplugin=*) [ -f "${word#-fplugin=}" ] ||
            { echo "no plugin ${word#-fplugin=}"; return; } ;;
        esac
    done
}

# compile CC-COMMAND... -- SOURCE OBJECT: warnings are shown, not hidden.
compile() {
    local cmd=() log
    while [ "$1" != -- ]; do cmd+=("$1"); shift; done
    log=$3.log
    # shellcheck disable=SC2086
    if ! "${cmd[@]}" $cflags -I"$here" -c "$2" -o "$3" 2>"$log"; then
        cat "$log" >&2
        die "compiling $2 with ${cmd[*]} failed"
    fi
    if [ -s "$log" ]; then
        echo "run.sh: warnings from ${cmd[0]} for ${2#"$here"/}:" >&2
        cat "$log" >&2
    fi
}

# --- build ------------------------------------------------------------------
mkdir -p "$out/common"
compile "$gcc" -- "$here/driver.c" "$out/common/driver.o"
compile "$gcc" -- "$here/helpers.c" "$out/common/helpers.o"

active=()            # variants that were built
compiler_order=()    # their compilers, first use first
declare -A group kind compilers
for v in $variants; do
    line=$(variant_table | awk -v v="$v" '$1 == v')
    [ -n "$line" ] || die "unknown variant $v"
    read -r _ g k suffix cmd <<<"$line"
    read -r -a cmd <<<"$cmd"
    why=$(variant_missing "${cmd[@]}")
    if [ -n "$why" ]; then
        echo "run.sh: skipping variant $v: $why" >&2
        continue
    fi
    mkdir -p "$out/$v"
    objs=()
    for src in "$here"/workloads/*_goto.c; do
        w=$(basename "$src" _goto.c)
        compile "${cmd[@]}" -- "$here/workloads/${w}_$suffix.c" "$out/$v/$w.o"
        objs+=("$out/$v/$w.o")
    done
    "$gcc" -o "$out/$v/bench" "$out/common/driver.o" "$out/common/helpers.o" \
        "${objs[@]}" -pthread -Wl,-z,now
    group[$v]=$g
    kind[$v]=$k
    if [ -z "${compilers[${cmd[0]}]:-}" ]; then
        compilers[${cmd[0]}]=$("${cmd[0]}" --version | head -n 1)
        compiler_order+=("${cmd[0]}")
    fi
    active+=("$v")
done
[ ${#active[@]} -gt 0 ] || die "no variant could be built"

workloads=${BENCH_WORKLOADS:-$("$out/${active[0]}/bench" list)}
results=$out/results.tsv
: >"$results"

# --- instructions (callgrind) and the same-results check ---------------------
for w in $workloads; do
    ref=
    for v in "${active[@]}"; do
        cg=$out/$v/callgrind.$w.out
        sum=$(valgrind --tool=callgrind --toggle-collect="wl_$w" \
            --callgrind-out-file="$cg" "$out/$v/bench" run "$w" "$cg_calls" \
            2>"$cg.log") || { cat "$cg.log" >&2; die "callgrind failed for $v $w"; }
        if [ -z "$ref" ]; then
            ref=$sum
            ref_v=$v
        elif [ "$sum" != "$ref" ]; then
            die "$w: $v computes '$sum' but $ref_v computes '$ref'"
        fi
        ir=$(awk '$1 == "totals:" { print $2 }' "$cg")
        [ -n "$ir" ] || die "no totals in $cg"
        printf 'ir\t%s\t%s\t%s\n' "$w" "$v" "$ir" >>"$results"
    done
done

# --- wall-clock time ---------------------------------------------------------
for ((r = 1; r <= reps; r++)); do
    for w in $workloads; do
        for v in "${active[@]}"; do
            ns=$("${pin[@]}" "$out/$v/bench" time "$w" "$calls" |
                awk '$1 == "ns" { print $2 }')
            printf 'ns\t%s\t%s\t%s\n' "$w" "$v" "$ns" >>"$results"
        done
    done
done

# --- report ------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, Linux $(uname -r)"
for c in "${compiler_order[@]}"; do echo "compiler: ${compilers[$c]}"; done
echo "per call: instructions in wl_<workload> (callgrind, $cg_calls calls);" \
    "ns = median of $reps runs of $calls calls (includes the driver's loop and call)"
echo "ratio: against the best hand-written variant of the same compiler"
echo

vinfo=""
for v in "${active[@]}"; do vinfo="$vinfo $v=${group[$v]}:${kind[$v]}"; done

awk -F'\t' -v calls="$cg_calls" -v vinfo="$vinfo" -v wl="$workloads" '
function median(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
            t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
        }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
BEGIN {
    nv = split(vinfo, vs, " ")
    for (i = 1; i <= nv; i++) {
        split(vs[i], p, "[=:]")
        vname[i] = p[1]; vgroup[p[1]] = p[2]; vkind[p[1]] = p[3]
    }
    nw = split(wl, ws, /[ \n]+/)
}
$1 == "ir" { ir[$2, $3] = $4 }
$1 == "ns" { ns[$2, $3] = ns[$2, $3] " " $4 }
END {
    for (i = 1; i <= nw; i++)
        for (j = 1; j <= nv; j++) {
            w = ws[i]; v = vname[j]
            ir[w, v] /= calls
            ns[w, v] = median(ns[w, v])
            if (vkind[v] != "hand") continue
            g = w SUBSEP vgroup[v]
            if (!(g in bir) || ir[w, v] < bir[g]) bir[g] = ir[w, v]
            if (!(g in bns) || ns[w, v] < bns[g]) bns[g] = ns[w, v]
        }
    print "| workload     | variant       | instr/call | ns/call | instr ratio | time ratio |"
    print "|--------------|---------------|-----------:|--------:|------------:|-----------:|"
    for (i = 1; i <= nw; i++)
        for (j = 1; j <= nv; j++) {
            w = ws[i]; v = vname[j]; g = w SUBSEP vgroup[v]
            ri = (g in bir) ? sprintf("%.3f", ir[w, v] / bir[g]) : "n/a"
            rt = (g in bns) ? sprintf("%.3f", ns[w, v] / bns[g]) : "n/a"
            printf "| %-12s | %-13s | %10.2f | %7.2f | %11s | %10s |\n",
                w, v, ir[w, v], ns[w, v], ri, rt
        }
    print ""
    print "instructions per call / median ns per call, one column per variant:"
    print ""
    line = sprintf("| %-12s", "workload"); rule = "|--------------"
    for (j = 1; j <= nv; j++) {
        line = line sprintf(" | %15s", vname[j]); rule = rule "|----------------:"
    }
    print line " |"; print rule "|"
    for (i = 1; i <= nw; i++) {
        line = sprintf("| %-12s", ws[i])
        for (j = 1; j <= nv; j++)
            line = line sprintf(" | %6.2f / %6.2f", ir[ws[i], vname[j]], ns[ws[i], vname[j]])
        print line " |"
    }
}' "$results" | tee "$out/report.md"
echo "run.sh: objects, callgrind profiles and raw results are in $out" >&2
