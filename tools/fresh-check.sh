#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the README's set-up on a fresh Debian 12: a minimal bookworm system
# (mmdebstrap --variant=apt, plus git) built from this machine's configured
# apt sources, into which the current commit is cloned (HEAD, not the
# working tree) and where, as root,
#   ./tools/setup.sh   and then   ./tools/test.sh
# run one after the other. Prints one line with both exit statuses,
#   fresh-check: setup=0 test=0 (setup 1m36s, test 4m14s, total 6m8s)
# and exits 0 only when both are 0; on failure it also prints the path of
# the log, which holds all output of the run.
#
# usage: tools/fresh-check.sh          (as root: chroot, mounts, apt)
#
# The system is built once and kept as a tarball under the cache directory;
# each run unpacks a fresh copy of it and removes it afterwards. Its apt
# sources are the host's `deb` entries for bookworm and bookworm-* (see
# tools/apt-sources.sh), so its packages come from the host's mirrors;
# a change to them builds a new tarball. Installs mmdebstrap when missing.
# The system shares the host's network; the run takes about as long as
# the set-up and the test suite together on a fresh machine.
#
# Environment:
#   FRESH_COMMIT the commit to check (default HEAD)
#   FRESH_CACHE  cache directory (default ${XDG_CACHE_HOME:-$HOME/.cache}/defer-fresh)
#   FRESH_LOG    log file (default $FRESH_CACHE/fresh-check.log)
#   FRESH_KEEP   1 keeps the unpacked system (printed) for a look inside
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/defer-fresh}
log=${FRESH_LOG:-$cache/fresh-check.log}
keep=${FRESH_KEEP:-0}
suite=bookworm

die() {
  echo "fresh-check: $*" >&2
  exit 1
}

((EUID == 0)) || die "must run as root (chroot, mounts, apt)"
commit=$(git -C "$repo" rev-parse --verify "${FRESH_COMMIT:-HEAD}^{commit}") ||
  die "$repo: no commit ${FRESH_COMMIT:-HEAD}"
git_dir=$(cd "$repo" && cd "$(git rev-parse --git-common-dir)" && pwd)

mkdir -p "$cache"
: >"$log"
start=$SECONDS

# duration SECONDS: as 12m34s.
duration() {
  echo "$(($1 / 60))m$(($1 % 60))s"
}

# step COMMAND...: runs COMMAND with its output in the log; on failure
# prints the log's path and exits.
step() {
  echo "== $*" >>"$log"
  "$@" </dev/null >>"$log" 2>&1 || die "failed: $* (log: $log)"
}

if ! command -v mmdebstrap >/dev/null; then
  step env DEBIAN_FRONTEND=noninteractive apt-get update
  step env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends mmdebstrap
fi

# The system's apt sources: the host's own, for its suites.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sources=$tmp/host.sources
"$repo/tools/apt-sources.sh" deb "$suite" "$suite-*" >"$sources" ||
  die "no apt 'deb' entry for $suite in the host's sources"
hash=$(sha256sum "$sources" | cut -c1-12)
tarball=$cache/$suite-apt-$hash.tar

if [[ ! -f $tarball ]]; then
  include=git
  if grep -q 'https://' "$sources"; then include+=,ca-certificates; fi
  # Keyrings that the entries name and that no package of the system
  # installs are copied in from the host.
  hook='for k in '
  while IFS= read -r k; do
    hook+="$(printf '%q ' "$k")"
  done < <(sed -n 's|^Signed-By: *||p' "$sources" | tr -s ', ' '\n' | grep '^/' | sort -u)
  # shellcheck disable=SC2016  # expanded by the hook's shell
  hook+='; do [ -e "$1$k" ] || { mkdir -p "$1${k%/*}" && cp "$k" "$1$k"; }; done'
  echo "== mmdebstrap $suite $tarball" >>"$log"
  rm -f "$tarball.part"
  mmdebstrap --variant=apt --include="$include" --format=tar \
    --customize-hook="$hook" "$suite" "$tarball.part" "$sources" \
    </dev/null >>"$log" 2>&1 || die "mmdebstrap failed (log: $log)"
  mv "$tarball.part" "$tarball"
fi

root=$(mktemp -d "$cache/root.XXXXXX")
cleanup() {
  rm -rf "$tmp"
  if [[ $keep == 1 ]]; then
    echo "fresh-check: the system is kept in $root" >&2
  else
    # Nothing is mounted there outside the namespace the run used.
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT
step tar -C "$root" -xpf "$tarball"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

# inside SCRIPT: runs SCRIPT under bash, as root, in the system, with
# /proc, /sys, /dev and the repository (read-only, at /mnt/defer.git)
# mounted in a mount namespace of its own, so that the mounts end with it.
# A clean environment, apart from proxy settings.
inside() {
  local env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8 TERM=dumb) v
  for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    if [[ -n ${!v:-} ]]; then env+=("$v=${!v}"); fi
  done
  # shellcheck disable=SC2016  # $1 and $2 are expanded by the inner shell
  unshare --mount --propagation private -- bash -c '
    set -e
    root=$1 git_dir=$2
    shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mkdir -p "$root/mnt/defer.git"
    mount --bind -o ro "$git_dir" "$root/mnt/defer.git"
    exec chroot "$root" /usr/bin/env -i "$@"
  ' bash "$root" "$git_dir" "${env[@]}" bash -c "$1" </dev/null >>"$log" 2>&1
}

echo "== clone $commit" >>"$log"
inside "git clone -q --no-local --no-checkout /mnt/defer.git /root/defer &&
  git -C /root/defer checkout -q --detach $commit" ||
  die "cannot clone $commit (log: $log)"

echo "== ./tools/setup.sh" >>"$log"
t0=$SECONDS setup=0
inside 'cd /root/defer && ./tools/setup.sh' || setup=$?
t1=$SECONDS test=0
echo "== ./tools/test.sh" >>"$log"
inside 'cd /root/defer && ./tools/test.sh' || test=$?
t2=$SECONDS

echo "fresh-check: setup=$setup test=$test (setup $(duration $((t1 - t0)))," \
  "test $(duration $((t2 - t1))), total $(duration $((t2 - start))))" | tee -a "$log"
if ((setup != 0 || test != 0)); then
  echo "fresh-check: log: $log" >&2
  exit 1
fi
