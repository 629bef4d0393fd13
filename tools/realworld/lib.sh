# SPDX-License-Identifier: MIT
# Shared by tools/realworld/run.sh and tools/realworld/showcase.sh (sourced,
# not run): fetching Debian source packages, naming the compilers, building
# jansson.  The caller sets $repo (the repository), $build (the project's
# build directory, holding the plugins) and $out (its work directory), and
# may set $src_cache (where sources are unpacked, default $out/src).
# shellcheck shell=bash disable=SC2154  # $repo, $build, $out: set by the caller

die() { echo "realworld: $*" >&2; exit 1; }

# tools/install-deps.sh adds the deb-src entry (as root) along with the
# other set-up.
ensure_sources() {
    if apt-get source --print-uris -qq zlib >/dev/null 2>&1; then return; fi
    "$repo/tools/install-deps.sh" || die "tools/install-deps.sh failed"
    apt-get source --print-uris -qq zlib >/dev/null 2>&1 ||
        die "no deb-src entries: run tools/install-deps.sh as root"
}

# The compiler command for MODE: none (plain GCC), gcc (the GCC plugin),
# clang (clang-22 with the Clang plugin), clang-none (plain clang-22).
compiler() {
    case $1 in
    none) echo "gcc" ;;
    gcc) echo "gcc -fplugin=$build/plugin/gcc/defer.so" ;;
    clang) echo "clang-22 -fplugin=$build/plugin/clang/defer-clang.so" ;;
    clang-none) echo "clang-22" ;;
    *) die "unknown compiler mode $1" ;;
    esac
}

# Source tree of PACKAGE, unpacked once under $src_cache (default
# $out/src), with Debian's patches applied as apt-get source leaves it.
source_of() {
    local pkg=$1 dir cache=${src_cache:-$out/src}
    mkdir -p "$cache"
    dir=$(find "$cache" -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
    if [ -z "$dir" ]; then
        (cd "$cache" && apt-get source -qq "$pkg" >/dev/null 2>&1) ||
            die "apt-get source $pkg failed"
        dir=$(find "$cache" -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
    fi
    echo "$dir"
}

# build_jansson DIR EXE FLAGS TESTS [CMAKE-ARG...]: configures and builds
# the jansson tree DIR in DIR/b with compiler EXE and C flags "-O2 FLAGS";
# with TESTS 1 it also builds the project's test programs and runs its
# ctest suite.
build_jansson() {
    local dir=$1 exe=$2 flags=$3 tests=$4 without=ON
    shift 4
    if [ "$tests" = 1 ]; then without=OFF; fi
    # Every step must succeed: && chains, as set -e does not hold in
    # callers that test the result.
    cmake -S "$dir" -B "$dir/b" -DCMAKE_C_COMPILER="$exe" \
        -DCMAKE_C_FLAGS="-O2 $flags" -DJANSSON_BUILD_DOCS=OFF \
        -DJANSSON_WITHOUT_TESTS=$without "$@" &&
        cmake --build "$dir/b" -j "$(nproc)" &&
        if [ "$tests" = 1 ]; then
            ctest --test-dir "$dir/b" -j "$(nproc)" --output-on-failure --no-tests=error
        fi
}
