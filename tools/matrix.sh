#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and tests the plugins with every supported compiler, and prints one
# table: compiler, lit tests passed/failed, the open-coded and the loop
# instruction ratios of the benchmarks (docs/PERFORMANCE.md).
#
# For each compiler (a row of compiler_table) it configures a build tree of
# its own, build-matrix/<name>, builds it, runs that compiler's lit suite
# (build-matrix/<name>/test/<gcc|clang>), then tools/bench/run.sh (the
# `defer` variant's instructions per call against the best hand-written
# variant, worst workload) and tools/bench/loop.sh (the same for `defer` in
# a loop, worst N).  Compilers that Debian 12 lacks run in a Debian unstable
# system (a chroot) built once with mmdebstrap and kept under the cache
# directory; its apt sources are the host's own `deb` entries (see
# tools/apt-sources.sh) with the suite changed to unstable, so its packages
# come from the host's mirror.  A compiler that is missing where its row
# says it lives gives a row "not installed".
#
# usage: tools/matrix.sh [NAME...]      (as root when a row runs in the chroot)
#        NAME: rows of compiler_table to run, in that order (default: all)
#        tools/matrix.sh --table [NAME...]   the table of the rows run so far
#        tools/matrix.sh --list         the rows
#
# Environment:
#   MATRIX_CACHE   cache directory (default ${XDG_CACHE_HOME:-$HOME/.cache}/defer-matrix)
#   MATRIX_OUT     where the build trees and logs go (default build-matrix)
#   MATRIX_JOBS    parallel build jobs (2)
#   MATRIX_BENCH=0 skips the benchmarks (the ratio columns are then "-")
#   MATRIX_TEST_TIMEOUT  lit's limit per test in seconds (1200: the rows
#                  share the machine with the builds of others)
#   MATRIX_REBUILD_CHROOT=1  builds the unstable system again
#   MATRIX_SETUP_ONLY=1      only builds the unstable system
#
# Adding a compiler: one line in compiler_table.  A Clang row names the
# clang driver and builds the Clang plugin against it (-DDEFER_CLANG=...,
# which plugin/clang must accept); its suite is test/clang.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/defer-matrix}
out=${MATRIX_OUT:-$repo/build-matrix}
jobs=${MATRIX_JOBS:-2}
bench=${MATRIX_BENCH:-1}
test_timeout=${MATRIX_TEST_TIMEOUT:-1200}
suite=unstable

# One line per compiler: name kind where driver
#   kind    gcc or clang: the plugin built and the lit suite run
#   where   host (this system) or chroot (the Debian unstable system)
#   driver  the C compiler driver, absolute path where it lives
compiler_table() {
  cat <<EOF
gcc-11   gcc   host   /usr/bin/gcc-11
gcc-12   gcc   host   /usr/bin/gcc-12
gcc-13   gcc   chroot /usr/bin/gcc-13
gcc-14   gcc   chroot /usr/bin/gcc-14
gcc-15   gcc   chroot /usr/bin/gcc-15
gcc-16   gcc   chroot /usr/bin/gcc-16
clang-19 clang host   /usr/bin/clang-19
clang-21 clang chroot /usr/bin/clang-21
clang-22 clang host   /usr/bin/clang-22
EOF
}

# What the unstable system holds besides the compilers: the build, the lit
# suite's tools and optional features, the benchmarks.
base_packages=cmake,ninja-build,make,pkg-config,python3,python3-psutil,valgrind,gdb,git,file,meson
# The GCC releases wanted from unstable, and LLVM releases in order of
# preference for lit, FileCheck, not and count.
chroot_gccs="13 14 15 16"
# The Clang releases wanted from unstable, each with the headers and CMake
# files the Clang plugin builds against and the sanitizers' run time (the
# suite's asan and tsan tests).
chroot_clangs="21"
chroot_llvms="22 23 21 20 19"

die() {
  echo "matrix: $*" >&2
  exit 1
}

if [[ ${1:-} == --list ]]; then
  compiler_table
  exit 0
fi

# Inside the unstable system (see the end): one row, no table.
inside=0
if [[ ${1:-} == --run-row ]]; then inside=1; fi

# --table: only print the table of the rows already run.
table_only=0
if [[ ${1:-} == --table ]]; then
  table_only=1
  shift
fi

# The rows, in the order given (default: the table's).
declare -a rows=()
if ((!inside)); then
  if (($# == 0)); then
    while read -r name _; do rows+=("$name"); done < <(compiler_table)
  fi
  for n in "$@"; do
    compiler_table | awk -v n="$n" '$1 == n { f = 1 } END { exit !f }' ||
      die "unknown compiler $n (tools/matrix.sh --list)"
    rows+=("$n")
  done
fi

mkdir -p "$out"
log=$out/matrix.log
if ((!inside && !table_only)); then
  mkdir -p "$cache"
  : >"$log"
fi

# --- the Debian unstable system ------------------------------------------------
root=$cache/$suite-root

# chroot_run SCRIPT: runs SCRIPT under bash in the unstable system, as root,
# with /proc, /sys, /dev and the repository (at its own path, so that paths
# are the same inside and out) mounted in a mount namespace of its own.
chroot_run() {
  local env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive) v
  for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY \
    MATRIX_JOBS MATRIX_TEST_TIMEOUT; do
    if [[ -n ${!v:-} ]]; then env+=("$v=${!v}"); fi
  done
  # shellcheck disable=SC2016  # expanded by the inner shell
  unshare --mount --propagation private -- bash -c '
    set -e
    root=$1 repo=$2 out=$3
    shift 3
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    for d in "$repo" "$out"; do
      mkdir -p "$root$d"
      mount --bind "$d" "$root$d"
    done
    # A worktree names the repository it belongs to in .git.
    common=$(git -C "$repo" rev-parse --git-common-dir 2>/dev/null || true)
    if [ -n "$common" ]; then
      common=$(cd "$repo" && cd "$common" && pwd)
      case $common/ in
      "$repo"/*) ;;
      *) mkdir -p "$root$common" && mount --bind -o ro "$common" "$root$common" ;;
      esac
    fi
    exec chroot "$root" /usr/bin/env -i "$@"
  ' bash "$root" "$repo" "$out" "${env[@]}" bash -c "$1"
}

# The script, run in the unstable system, that installs what it lacks of
# the GCC, Clang and LLVM releases wanted (apt-get skips what is there).
install_script() {
  cat <<EOS
set -e
apt-get update
want=''
# add_when_present PROBE PACKAGE...: PROBE and the packages, when
# unstable has PROBE.
add_when_present() {
  if apt-cache show --no-all-versions "\$1" >/dev/null 2>&1; then
    want="\$want \$*"
  else
    echo "matrix: unstable has no \$1"
  fi
}
for v in $chroot_gccs; do
  add_when_present gcc-\$v-plugin-dev gcc-\$v g++-\$v
done
for v in $chroot_clangs; do
  add_when_present libclang-\$v-dev clang-\$v llvm-\$v-dev libclang-rt-\$v-dev
done
for v in $chroot_llvms; do
  if apt-cache show --no-all-versions llvm-\$v-tools >/dev/null 2>&1; then
    want="\$want llvm-\$v-tools"
    break
  fi
done
apt-get install -y --no-install-recommends \$want
EOS
}

# Whether the unstable system has every compiler it should (it was built
# before a release was added to the lists above).
chroot_complete() {
  local v
  for v in $chroot_gccs; do [[ -x $root/usr/bin/gcc-$v ]] || return 1; done
  for v in $chroot_clangs; do
    [[ -x $root/usr/bin/clang-$v && -d $root/usr/lib/llvm-$v/lib/clang/$v/lib ]] || return 1
  done
}

# The system is built once: the host's mirror for unstable, its base
# packages, then the GCC and LLVM releases that unstable has (asked of apt
# inside the system, since the names change from year to year).
make_chroot() {
  local tmp sources hook k
  ((EUID == 0)) || die "must run as root to build and enter the unstable system"
  if ! command -v mmdebstrap >/dev/null; then
    echo "matrix: installing mmdebstrap" >&2
    { apt-get update && apt-get install -y --no-install-recommends mmdebstrap; } \
      </dev/null >>"$log" 2>&1 || die "cannot install mmdebstrap (log: $log)"
  fi
  tmp=$(mktemp -d)
  sources=$tmp/unstable.sources
  # The host's entries for its release (not its -security or -updates
  # suites, which unstable does not have), retargeted to unstable.
  # shellcheck source=/dev/null
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  "$repo/tools/apt-sources.sh" deb "$codename" >"$tmp/host.sources" ||
    die "no apt 'deb' entry for $codename in the host's sources"
  sed "s|^Suites:.*|Suites: $suite|" "$tmp/host.sources" >"$sources"
  hook='for k in '
  while IFS= read -r k; do
    hook+="$(printf '%q ' "$k")"
  done < <(sed -n 's|^Signed-By: *||p' "$sources" | tr -s ', ' '\n' | grep '^/' | sort -u)
  # shellcheck disable=SC2016  # expanded by the hook's shell
  hook+='; do [ -e "$1$k" ] || { mkdir -p "$1${k%/*}" && cp "$k" "$1$k"; }; done'
  echo "matrix: building the $suite system in $root (mmdebstrap)" >&2
  rm -rf --one-file-system "$root" "$root.part"
  mmdebstrap --variant=apt --include="$base_packages" \
    --aptopt='Acquire::Check-Valid-Until "false"' \
    --customize-hook="$hook" "$suite" "$root.part" "$sources" \
    </dev/null >>"$log" 2>&1 || die "mmdebstrap failed (log: $log)"
  rm -rf "$tmp"
  cp -L /etc/resolv.conf "$root.part/etc/resolv.conf"
  local saved=$root
  root=$root.part
  echo "matrix: installing the compilers in the $suite system" >&2
  chroot_run "$(install_script)" </dev/null >>"$log" 2>&1 ||
    die "installing the compilers failed (log: $log)"
  root=$saved
  mv "$root.part" "$root"
}

need_chroot=0
for name in "${rows[@]+"${rows[@]}"}"; do
  read -r _ _ where _ < <(compiler_table | awk -v n="$name" '$1 == n')
  [[ $where != chroot ]] || need_chroot=1
done
if ((need_chroot && !table_only)); then
  if [[ ${MATRIX_REBUILD_CHROOT:-0} == 1 || ! -d $root ]]; then
    make_chroot
  elif ! chroot_complete; then
    # A cached system from before a compiler was added: install into it.
    ((EUID == 0)) || die "must run as root to install into the unstable system"
    echo "matrix: installing the missing compilers in the $suite system" >&2
    chroot_run "$(install_script)" </dev/null >>"$log" 2>&1 ||
      die "installing the compilers failed (log: $log)"
  fi
fi

if [[ ${MATRIX_SETUP_ONLY:-0} == 1 ]]; then exit 0; fi

# --- one compiler ------------------------------------------------------------------

# What each kind builds and measures:
#   kind_cmake KIND DRIVER    configure options
#   kind_plugin KIND DIR      the plugin file in build tree DIR
#   kind_bench KIND           run.sh's variants: the defer form, then the
#                             hand-written ones it is compared with
kind_cmake() {
  case $1 in
  gcc) echo "-DDEFER_GCC=$2 -DDEFER_BUILD_CLANG_PLUGIN=OFF" ;;
  # Built by that Clang: the unstable system has no other C or C++ compiler.
  clang) echo "-DDEFER_CLANG=$2 -DDEFER_BUILD_GCC_PLUGIN=OFF" \
    "-DCMAKE_C_COMPILER=$2 -DCMAKE_CXX_COMPILER=${2/clang/clang++}" ;;
  esac
}
kind_plugin() {
  case $1 in
  gcc) echo "$2/plugin/gcc/defer.so" ;;
  clang) echo "$2/plugin/clang/defer-clang.so" ;;
  esac
}
kind_bench() {
  case $1 in
  gcc) echo "defer goto cleanup" ;;
  clang) echo "clang-defer clang-goto clang-cleanup" ;;
  esac
}

# worst_ratio RESULTS DEFER HAND...: from a results.tsv of run.sh or
# loop.sh (lines "ir <workload or N> <variant> <instructions>"), the
# largest ratio, over the workloads or N, of DEFER's instructions to the
# fewest of the HAND variants'.
worst_ratio() {
  local results=$1 defer=$2
  shift 2
  awk -F'\t' -v d="$defer" -v hands=" $* " '
    $1 == "ir" && $3 == d { mine[$2] = $4 }
    $1 == "ir" && index(hands, " " $3 " ") {
      if (!($2 in best) || $4 + 0 < best[$2] + 0) best[$2] = $4 }
    END {
      for (k in mine) if (k in best && best[k] > 0) {
        r = mine[k] / best[k]; if (!found || r > worst) worst = r; found = 1 }
      if (found) printf "%.3f\n", worst; else print "n/a" }' "$results"
}

# run_row NAME KIND DRIVER: configure, build, test and measure one
# compiler here (the host or the unstable system); writes
# <out>/<name>/row.tsv: name, version, passed, failed, unsupported,
# open-coded ratio, loop ratio, note.
run_row() {
  local name=$1 kind=$2 driver=$3 dir=$out/$1 version note='' lit tools
  local passed=- failed=- unsupported=- open=- loop=- plugin
  mkdir -p "$dir"
  local rowlog=$dir/row.log
  : >"$rowlog"
  row() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "$passed" \
      "$failed" "$unsupported" "$open" "$loop" "$note" >"$dir/row.tsv"
  }
  version=$("$driver" -dumpfullversion 2>/dev/null || "$driver" -dumpversion 2>/dev/null) ||
    version=
  if [[ -z $version ]]; then
    note="not installed ($driver)"
    row
    return 0
  fi
  local gen=()
  if command -v ninja >/dev/null; then gen=(-G Ninja); fi
  # shellcheck disable=SC2046  # kind_cmake gives several words
  if ! cmake -S "$repo" -B "$dir/build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
    $(kind_cmake "$kind" "$driver") >>"$rowlog" 2>&1; then
    note="configure failed (see $rowlog)"
    row
    return 0
  fi
  if ! cmake --build "$dir/build" -j "$jobs" >>"$rowlog" 2>&1; then
    note="build failed (see $rowlog)"
    row
    return 0
  fi
  tools=$(sed -n 's/^DEFER_LLVM_TOOLS_DIR:PATH=//p' "$dir/build/CMakeCache.txt")
  lit=$tools/lit
  "$lit" -sv --param defer_test_timeout="$test_timeout" "$dir/build/test/$kind" \
    >"$dir/lit.log" 2>&1 || true
  # lit's summary: "  Passed     : 170 (89.47%)".
  count() {
    sed -n "s/^ *$1 *: *\([0-9][0-9]*\).*/\1/p" "$dir/lit.log" | tail -n 1 | grep . || echo 0
  }
  passed=$(($(count Passed) + $(count "Expectedly Failed")))
  failed=$(($(count Failed) + $(count Unresolved) + $(count "Timed Out") +
    $(count "Unexpectedly Passed")))
  unsupported=$(count Unsupported)
  if ! grep -q "Total Discovered Tests" "$dir/lit.log"; then
    note="lit did not run (see $dir/lit.log)"
  fi
  plugin=$(kind_plugin "$kind" "$dir/build")
  if [[ $bench == 1 ]]; then
    local variants
    variants=$(kind_bench "$kind")
    # Instruction counts are exact: one timed run is enough.
    if env BENCH_OUT="$dir/bench" BENCH_VARIANTS="$variants" BENCH_REPS=1 \
      BENCH_CALLS=100000 BENCH_GCC="$driver" BENCH_CLANG="$driver" \
      BENCH_CLANG_PLUGIN="$plugin" "$repo/tools/bench/run.sh" "$plugin" \
      >"$dir/bench.log" 2>&1; then
      # shellcheck disable=SC2086
      open=$(worst_ratio "$dir/bench/results.tsv" $variants)
    else
      open="failed"
    fi
    if env LOOP_OUT="$dir/loop" LOOP_VARIANTS="defer hand hand-buf" LOOP_REPS=1 \
      LOOP_DEFERS=1048576 LOOP_CC="$driver" "$repo/tools/bench/loop.sh" "$plugin" \
      >"$dir/loop.log" 2>&1; then
      loop=$(worst_ratio "$dir/loop/results.tsv" defer hand hand-buf)
    else
      loop="failed"
    fi
  fi
  row
}

if [[ ${1:-} == --run-row ]]; then
  # Inside the unstable system, from below.
  run_row "$2" "$3" "$4"
  exit 0
fi

for name in "${rows[@]}"; do
  ((!table_only)) || break
  read -r _ kind where driver < <(compiler_table | awk -v n="$name" '$1 == n')
  echo "matrix: $name ($where)" >&2
  rm -f "$out/$name/row.tsv"
  if [[ $where == chroot ]]; then
    chroot_run "MATRIX_OUT=$(printf %q "$out") MATRIX_JOBS=$jobs MATRIX_BENCH=$bench \
      MATRIX_TEST_TIMEOUT=$test_timeout \
      $(printf %q "$repo/tools/matrix.sh") --run-row $name $kind $(printf %q "$driver")" \
      </dev/null >>"$log" 2>&1 || true
  else
    run_row "$name" "$kind" "$driver" </dev/null >>"$log" 2>&1 || true
  fi
  [[ -f $out/$name/row.tsv ]] ||
    printf '%s\t\t-\t-\t-\t-\t-\t%s\n' "$name" "no result (see $log)" >"$out/$name/row.tsv"
done

# --- the table -----------------------------------------------------------------------
echo "| compiler | version | tests passed / failed (unsupported) | open-coded instr ratio | loop instr ratio | note |"
echo "|---|---|---|--:|--:|---|"
for name in "${rows[@]}"; do
  if [[ ! -f $out/$name/row.tsv ]]; then
    echo "| $name | - | not run | - | - | |"
    continue
  fi
  IFS=$'\t' read -r n v p f u o l note <"$out/$name/row.tsv"
  echo "| $n | ${v:--} | $p / $f ($u) | $o | $l | ${note:-} |"
done
echo
echo "ratios: instructions of defer / of the best hand-written form (callgrind);" \
  "open-coded: tools/bench/run.sh, worst workload; loop: tools/bench/loop.sh, worst N"
echo "logs: $out/<compiler>/{row.log,lit.log,bench.log,loop.log}" >&2
