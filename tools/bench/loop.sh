#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark of `defer` in a loop (run-time records) against hand-written
# bookkeeping and Go's defer.
#
# Every workload registers N pending cleanups in a loop, returns, and the
# cleanups run newest first; each is a call of sink(i), out of line in its
# own translation unit (tools/bench/loop/).  Variants:
#   defer         `for (int i = 0; i < n; i++) defer sink(i);`, n known only
#                 at run time: records from libdefer's pool (libdefer.so)
#   defer-const   the same with the constant trip count 16 (N=16 only):
#                 records in a frame array
#   defer-static  `defer`, linked with libdefer.a instead of libdefer.so
#   hand          pending values in a 64-entry stack array, malloc beyond it
#   hand-buf      pending values in a buffer the caller provides
#   go            Go's defer in the same loop (tools/bench/go/), go test -bench
#
# Reports, per variant and N: median ns per registered-and-run defer, the
# instructions per defer (callgrind, C variants, counting only inside the
# workload function and its callees), the ratios defer/hand-written (best
# hand-written variant of that N) and Go/defer; the memory per pending
# record; the mallocs made in steady state; where the defer variant's
# instructions go, per function.
#
# usage: tools/bench/loop.sh [PATH/TO/defer.so | PATH/TO/defer-clang.so]
#        (default: build/plugin/gcc/defer.so; libdefer is taken from the
#        same build tree, <build>/runtime).  With the Clang plugin every C
#        variant is compiled by clang-22, so defer is compared with what
#        Clang makes of the hand-written code.
#
# Environment (all optional):
#   LOOP_VARIANTS   default "defer defer-const defer-static hand hand-buf go"
#   LOOP_NS         values of N, default "1 16 1024"
#   LOOP_DEFERS     defers per timed run (8388608): N=1 makes that many
#                   calls, N=1024 8192 calls
#   LOOP_REPS       timed runs per variant and N (11)
#   LOOP_CG_DEFERS  defers under callgrind (1048576)
#   LOOP_MALLOC_N   N values of the malloc count ("1 16 1024 8192"), each
#                   10 warm-up calls then 1000 counted calls
#   LOOP_OUT        build and result directory (build-bench/loop, or
#                   build-bench/loop-clang with the Clang plugin)
#   LOOP_CPU        pin timed runs to this CPU with taskset
#   LOOP_LIBDEFER   directory holding libdefer.so and libdefer.a
#   LOOP_CC, LOOP_GO    tools (gcc or clang-22 after the plugin, go);
#                   without Go the go column is n/a
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
src=$here/loop

plugin=${1:-$repo/build/plugin/gcc/defer.so}
case $plugin in /*) ;; *) plugin=$PWD/$plugin ;; esac
libdefer=${LOOP_LIBDEFER:-$(dirname "$plugin")/../../runtime}
case $(basename "$plugin") in
*clang*) cc=${LOOP_CC:-clang-22} flavour=clang ;;
*) cc=${LOOP_CC:-${LOOP_GCC:-gcc}} flavour=gcc ;;
esac
go=${LOOP_GO:-go}
variants=${LOOP_VARIANTS:-defer defer-const defer-static hand hand-buf go}
ns_list=${LOOP_NS:-1 16 1024}
defers=${LOOP_DEFERS:-8388608}
reps=${LOOP_REPS:-11}
cg_defers=${LOOP_CG_DEFERS:-1048576}
malloc_ns=${LOOP_MALLOC_N:-1 16 1024 8192}
default_out=$repo/build-bench/loop
if [ "$flavour" = clang ]; then default_out=$repo/build-bench/loop-clang; fi
out=${LOOP_OUT:-$default_out}
cflags="-std=gnu11 -O2 -Wall -Wextra"
pin=()
if [ -n "${LOOP_CPU:-}" ]; then pin=(taskset -c "$LOOP_CPU"); fi
# Bind every symbol at start-up, libdefer.so's own calls included, so that
# no lazy binding lands inside a measured function.
export LD_BIND_NOW=1

# The loop site copies `int i`: the memory target per record is
# 8 bytes plus this.
copied_bytes=4
# The target ratio of instructions, defer / best hand-written.
instr_target=1.20

die() {
    echo "loop.sh: $*" >&2
    exit 1
}

# One line per variant: name kind binary function
#   kind    defer (under test), hand (hand-written reference) or go
#   binary  loopbench (libdefer.so), loopbench-static (libdefer.a)
variant_table() {
    cat <<EOF
defer        defer loopbench        defer
defer-const  defer loopbench        defer16
defer-static defer loopbench-static defer
hand         hand  loopbench        hand
hand-buf     hand  loopbench        hand_buf
go           go    -                -
EOF
}

# Whether variant $1 implements N=$2.
has_n() {
    [ "$1" != defer-const ] || [ "$2" = 16 ]
}

# compile [FLAGS...] -- SOURCE OBJECT: warnings are shown, not hidden.
compile() {
    local flags=() log
    while [ "$1" != -- ]; do flags+=("$1"); shift; done
    log=$3.log
    # shellcheck disable=SC2086
    if ! "$cc" $cflags "${flags[@]}" -c "$2" -o "$3" 2>"$log"; then
        cat "$log" >&2
        die "compiling $2 failed"
    fi
    if grep -q "warning:" "$log"; then
        echo "loop.sh: warnings for ${2#"$here"/}:" >&2
        cat "$log" >&2
    fi
}

# --- build --------------------------------------------------------------------
command -v "$cc" >/dev/null || die "no compiler $cc"
command -v valgrind >/dev/null || die "valgrind is needed (apt-get install valgrind)"
[ -f "$plugin" ] || die "no plugin $plugin (build it: cmake -S . -B build && cmake --build build)"
if [ ! -f "$libdefer/libdefer.so" ] || [ ! -f "$libdefer/libdefer.a" ]; then
    die "no libdefer.so and libdefer.a in $libdefer (set LOOP_LIBDEFER)"
fi
libdefer=$(cd "$libdefer" && pwd)

mkdir -p "$out/obj"
for f in driver sink hand malloc-count; do
    compile -- "$src/$f.c" "$out/obj/$f.o"
done
compile -I"$repo/runtime/include" -- "$src/pool-probe.c" "$out/obj/pool-probe.o"
compile -fplugin="$plugin" -fplugin-arg-defer-report -- "$src/defer.c" "$out/obj/defer.o"
# The report notes say where each site's records live: the premise of the
# defer and defer-const variants.
cp "$out/obj/defer.o.log" "$out/defer-report.txt"
pool_rec=$(sed -n "s/.*its \([0-9]*\)-byte records come from .*the per-thread pool.*/\1/p" "$out/defer-report.txt")
frame_rec=$(sed -n "s/.*its \([0-9]*\)-byte records live in the frame (at most.*/\1/p" "$out/defer-report.txt")
if [ -z "$pool_rec" ] || [ -z "$frame_rec" ]; then
    cat "$out/defer-report.txt" >&2
    die "expected one pooled and one frame-array loop site in loop/defer.c"
fi

objs=("$out/obj/driver.o" "$out/obj/sink.o" "$out/obj/hand.o" "$out/obj/defer.o")
shared=(-L"$libdefer" -ldefer "-Wl,-rpath,$libdefer")
"$cc" -o "$out/loopbench" "${objs[@]}" "${shared[@]}" -Wl,-z,now
"$cc" -o "$out/loopbench-static" "${objs[@]}" "$libdefer/libdefer.a" -pthread -Wl,-z,now
"$cc" -o "$out/loopbench-mallocs" "${objs[@]}" "$out/obj/malloc-count.o" "${shared[@]}" -Wl,-z,now
"$cc" -o "$out/pool-probe" "$out/obj/pool-probe.o" "${shared[@]}"

have_go=0
go_version="Go: not measured"
if [[ " $variants " == *" go "* ]]; then
    go_version="Go: missing"
    # Debian's Go, installed on first use when we are root (the
    # benchmark's one-command promise); otherwise say what to install.
    if ! command -v "$go" >/dev/null && [ "$go" = go ] && [ "$(id -u)" = 0 ] &&
        command -v apt-get >/dev/null; then
        echo "loop.sh: installing Debian's golang-go for the go column" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go \
            </dev/null >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go \
                    </dev/null >/dev/null 2>&1; } || true
    fi
    if command -v "$go" >/dev/null; then
        export GOPATH=$out/go/path GOCACHE=$out/go/cache GOPROXY=off
        export GOFLAGS='' GOTOOLCHAIN=local CGO_ENABLED=0
        (cd "$here/go" && "$go" build -o "$out/go/defer-bench" . &&
            "$go" test -c -o "$out/go/loop.test" .) || die "building the Go benchmark failed"
        have_go=1
        go_version=$("$go" version)
    else
        echo "loop.sh: Go is missing ($go not found): the go column is n/a;" \
            "install Debian's golang-go (apt-get install golang-go) or set LOOP_GO" >&2
    fi
fi

active=()
declare -A kind bin fn
while read -r v k b f; do
    [[ " $variants " == *" $v "* ]] || continue
    [ "$k" != go ] || [ "$have_go" = 1 ] || continue
    kind[$v]=$k bin[$v]=$b fn[$v]=$f
    active+=("$v")
done < <(variant_table)
for v in $variants; do
    variant_table | awk -v v="$v" '$1 == v { f = 1 } END { exit !f }' ||
        die "unknown variant $v"
done
[ ${#active[@]} -gt 0 ] || die "no variant to run"

results=$out/results.tsv
: >"$results"

# --- same results, instructions (callgrind) ----------------------------------
for n in $ns_list; do
    ref='' ref_v=
    for v in "${active[@]}"; do
        has_n "$v" "$n" || continue
        calls=$((cg_defers / n > 0 ? cg_defers / n : 1))
        if [ "${kind[$v]}" = go ]; then
            sum=$("$out/go/defer-bench" "$n" "$calls")
        else
            cg=$out/callgrind.$v.$n.out
            sum=$(valgrind --tool=callgrind --toggle-collect="lw_${fn[$v]}" \
                --callgrind-out-file="$cg" "$out/${bin[$v]}" run "${fn[$v]}" \
                "$n" "$calls" 2>"$cg.log") ||
                { cat "$cg.log" >&2; die "callgrind failed for $v N=$n"; }
            ir=$(awk '$1 == "totals:" { print $2 }' "$cg")
            [ -n "$ir" ] || die "no totals in $cg"
            printf 'ir\t%s\t%s\t%s\n' "$n" "$v" "$(awk -v ir="$ir" -v d=$((calls * n)) \
                'BEGIN { printf "%.4f", ir / d }')" >>"$results"
        fi
        if [ -z "$ref" ]; then
            ref=$sum ref_v=$v
        elif [ "$sum" != "$ref" ]; then
            die "N=$n: $v computes '$sum' but $ref_v computes '$ref'"
        fi
    done
done

# --- wall-clock time ------------------------------------------------------------
for ((r = 1; r <= reps; r++)); do
    for n in $ns_list; do
        calls=$((defers / n > 0 ? defers / n : 1))
        for v in "${active[@]}"; do
            has_n "$v" "$n" || continue
            if [ "${kind[$v]}" = go ]; then
                per_call=$("${pin[@]}" "$out/go/loop.test" -test.run '^$' \
                    -test.bench "BenchmarkLoopDefer/N=$n\$" \
                    -test.benchtime="${calls}x" -test.benchmem |
                    awk '$1 ~ /^BenchmarkLoopDefer/ { print $3 }')
            else
                per_call=$("${pin[@]}" "$out/${bin[$v]}" time "${fn[$v]}" "$n" "$calls" |
                    awk '$1 == "ns" { print $2 }')
            fi
            [ -n "$per_call" ] || die "no time for $v N=$n"
            printf 'ns\t%s\t%s\t%s\n' "$n" "$v" \
                "$(awk -v t="$per_call" -v n="$n" 'BEGIN { printf "%.4f", t / n }')" >>"$results"
        done
    done
done

# --- Go's own allocations, mallocs in steady state, memory per record ----------
go_mem=
if [ "$have_go" = 1 ]; then
    go_mem=$("$out/go/loop.test" -test.run '^$' -test.bench 'BenchmarkLoopDefer/' \
        -test.benchtime=10000x -test.benchmem |
        awk '$1 ~ /^BenchmarkLoopDefer/ {
                 n = $1; sub(/.*N=/, "", n); sub(/-.*/, "", n)
                 printf "%sN=%s: %.1f B and %.2f allocations per defer", sep, n, $5 / n, $7 / n
                 sep = "; " }')
fi

mallocs=$out/mallocs.txt
: >"$mallocs"
for n in $malloc_ns; do
    for f in defer hand hand_buf; do
        printf '%s\t%s\t%s\n' "$n" "$f" \
            "$("$out/loopbench-mallocs" mallocs "$f" "$n" 10 1000)" >>"$mallocs"
    done
done

probe=$("$out/pool-probe" "$pool_rec")
granule=$(awk '$1 == "granule" { print $2 }' <<<"$probe")
mark_fp=$(awk '$1 == "mark" { print $2 }' <<<"$probe")
frame_sz=$(awk '$1 == "frame" { print $2 }' <<<"$probe")
header_sz=$(awk '$1 == "header" { print $2 }' <<<"$probe")

# --- report ----------------------------------------------------------------------
{
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, Linux $(uname -r)"
echo "compiler: $("$cc" --version | head -n 1); $(valgrind --version); $go_version"
if rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null); then
    if git --no-optional-locks -C "$repo" diff --quiet HEAD -- plugin runtime; then
        echo "source: commit $rev"
    else
        echo "source: commit $rev, with uncommitted changes in plugin/ or runtime/"
    fi
fi
echo "per defer: ns = median of $reps runs of $defers defers (calls of the workload" \
    "function / N, after 10% warm-up calls; includes the driver's call);"
echo "instr = instructions in the workload function and its callees (callgrind," \
    "$cg_defers defers) / N"
echo "ratios: against the best hand-written variant of the same N;" \
    "go/x = Go's ns per defer / x's"
echo

vinfo=""
for v in "${active[@]}"; do vinfo="$vinfo $v=${kind[$v]}"; done
awk -F'\t' -v vinfo="$vinfo" -v nl="$ns_list" -v itarget="$instr_target" '
function median(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
            t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
        }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function verdict(ok) { return ok ? "met" : "NOT met" }
BEGIN {
    nv = split(vinfo, vs, " ")
    for (i = 1; i <= nv; i++) {
        split(vs[i], p, "=")
        vname[i] = p[1]; vkind[p[1]] = p[2]
    }
    nn = split(nl, ns_, " ")
}
$1 == "ir" { ir[$2, $3] = $4 }
$1 == "ns" { t[$2, $3] = t[$2, $3] " " $4 }
END {
    for (i = 1; i <= nn; i++)
        for (j = 1; j <= nv; j++) {
            n = ns_[i]; v = vname[j]
            if (!((n, v) in t)) continue
            t[n, v] = median(t[n, v])
            if (vkind[v] != "hand") continue
            if (!(n in bir) || ir[n, v] < bir[n]) bir[n] = ir[n, v]
            if (!(n in bt) || t[n, v] < bt[n]) bt[n] = t[n, v]
        }
    print "| N    | variant      | ns/defer | instr/defer | instr ratio | time ratio |   go/x |"
    print "|-----:|--------------|---------:|------------:|------------:|-----------:|-------:|"
    for (i = 1; i <= nn; i++)
        for (j = 1; j <= nv; j++) {
            n = ns_[i]; v = vname[j]
            if (!((n, v) in t)) continue
            ic = ((n, v) in ir) ? sprintf("%.2f", ir[n, v]) : "n/a"
            ri = ((n, v) in ir) && (n in bir) ? sprintf("%.3f", ir[n, v] / bir[n]) : "n/a"
            rt = (n in bt) ? sprintf("%.3f", t[n, v] / bt[n]) : "n/a"
            rg = ((n, "go") in t) && v != "go" ? sprintf("%.2f", t[n, "go"] / t[n, v]) : "-"
            printf "| %4s | %-12s | %8.3f | %11s | %11s | %10s | %6s |\n",
                n, v, t[n, v], ic, ri, rt, rg
        }
    print ""
    print "targets (defer/hand-written <= " itarget " in instructions, <= 2.0 in time; Go/defer >= 5.0 in time):"
    for (i = 1; i <= nn; i++)
        for (j = 1; j <= nv; j++) {
            n = ns_[i]; v = vname[j]
            if (vkind[v] != "defer" || !((n, v) in t)) continue
            line = sprintf("  N=%-4s %-12s", n, v)
            if (n in bir)
                line = line sprintf("  x/hand: instr %.2f %s, time %.2f %s", ir[n, v] / bir[n],
                    verdict(ir[n, v] / bir[n] <= itarget + 0), t[n, v] / bt[n], verdict(t[n, v] / bt[n] <= 2.0))
            if ((n, "go") in t)
                line = line sprintf("; go/x: %.2f %s", t[n, "go"] / t[n, v],
                    verdict(t[n, "go"] / t[n, v] >= 5.0))
            print line
        }
}' "$results"

echo
target=$((8 + copied_bytes))
verdict() { if [ "$1" -le "$target" ]; then echo met; else echo "NOT met"; fi; }
echo "memory per pending record (the site copies 'i', $copied_bytes bytes;" \
    "target <= 8 + $copied_bytes = $target bytes):"
echo "  defer-const: ${frame_rec}-byte records in a frame array -> $(verdict "$frame_rec")"
# Stacked records are bumped by their own size inside the buffer and the
# blocks libdefer reserves: only whole blocks are rounded up to its
# granule, so a record takes what the report says.
echo "  defer:       ${pool_rec}-byte records (plugin's report), ${pool_rec} bytes each in" \
    "the frame buffer and the pool's blocks (libdefer rounds whole blocks up to" \
    "$granule) -> $(verdict "$pool_rec")"
echo "  layout: pooled records are the copied variables alone, bumped onto one stack" \
    "and popped by size (a site number after them only with several sites), each in" \
    "a slot rounded up to the largest alignment among the function's records; frame" \
    "arrays keep a ${header_sz}-byte header (next pointer, site number, padding); per" \
    "call, not per record: struct __defer_frame ${frame_sz} bytes and a 256-byte" \
    "buffer on the stack, ${mark_fp} bytes of pool for the frame's mark, and 16 bytes" \
    "per pool block of the frame's for the link to the block before"
echo "  hand, hand-buf: 4 bytes per pending cleanup (the int)"
if [ -n "$go_mem" ]; then echo "  go: $go_mem (go test -benchmem)"; fi
echo
echo "mallocs during 1000 calls after 10 warm-up calls (target for defer: 0 at N=1024):"
echo "| N    | defer | hand  | hand-buf |"
echo "|-----:|------:|------:|---------:|"
awk -F'\t' '{ split($3, a, " "); m[$1, $2] = a[2]; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
END { for (i = 1; i <= k; i++) printf "| %4s | %5s | %5s | %8s |\n", order[i],
          m[order[i], "defer"], m[order[i], "hand"], m[order[i], "hand_buf"] }' "$mallocs"

# Where the instructions of the pooled defer variant go, per function.
for n in $ns_list; do
    cg=$out/callgrind.defer.$n.out
    [ -f "$cg" ] || continue
    calls=$((cg_defers / n > 0 ? cg_defers / n : 1))
    echo
    echo "defer, N=$n: instructions per defer by function (callgrind self cost):"
    callgrind_annotate --threshold=100 "$cg" 2>/dev/null |
        awk -v d=$((calls * n)) '
        /file:function/ { on = 1; next }
        on && /^-+$/ { next }
        on && NF == 0 { if (seen) exit; next }
        on && $1 ~ /^[0-9,]+$/ {
            seen = 1; ir = $1; gsub(/,/, "", ir)
            line = $0; sub(/^ *[0-9,]+ +\([^)]*\) +/, "", line)
            split(line, a, " "); f = a[1]; sub(/.*:/, "", f)
            if (ir / d >= 0.01) printf "  %8.2f  %s\n", ir / d, f }'
done
} | tee "$out/report.md"
echo "loop.sh: objects, callgrind profiles and raw results are in $out" >&2
