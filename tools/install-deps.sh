#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test this project:
# compilers, GCC plugin headers, LLVM/Clang 22 (Clang plugin, lit, FileCheck),
# valgrind and gdb. Prints one line per package it installs and nothing when
# all are present. Needs root only when something is missing.
set -euo pipefail

packages=(
  gcc g++ make cmake pkg-config
  gcc-12-plugin-dev
  clang-22 libclang-22-dev llvm-22-dev llvm-22-tools python3-psutil
  valgrind gdb
  dpkg-dev bzip2 xz-utils
)

installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

# Debian's source packages, for tools/realworld/run.sh (apt-get source).
src_list=/etc/apt/sources.list.d/defer-src.sources
need_update=0
if ((EUID == 0)) && [[ ! -f $src_list ]]; then
  cat >"$src_list" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  need_update=1
fi

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  if ((need_update)); then apt-get update -qq >/dev/null 2>&1 || true; fi
  exit 0
fi

if ((EUID != 0)); then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
for p in "${missing[@]}"; do
  if installed "$p"; then
    echo "install-deps: installed $p"
  else
    echo "install-deps: failed to install $p" >&2
    exit 1
  fi
done
