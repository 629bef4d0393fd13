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
)

installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

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
