/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc
// Mutation fuzzing (tools/fuzz/mutate.py): a fixed-seed batch of mutants
// of the test programs (test/robust/Inputs, test/exec, test/diag): tokens
// and lines deleted, duplicated, swapped or cut; defer, braces, jumps,
// labels, VLAs, asm goto, pragmas and whole statements inserted; defers
// nested; types changed.  Each is compiled with the GCC and the Clang
// plugin (when built) at -O0 and -O2, and may be rejected with
// diagnostics, but no compilation crashes, hangs, ends in an internal
// error or leaves a defer unlowered.  It runs once, from the GCC suite.
// A longer run:
//   tools/fuzz/mutate.py --build build --count 5000 --seed 1 --jobs 2 --out /tmp/mutants
// RUN: python3 %S/../../tools/fuzz/mutate.py --build %obj-root --count 400 --seed 1 --jobs 2 --out %t | FileCheck %s
// CHECK: 400 mutants, 0 crashes,
