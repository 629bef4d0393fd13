/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc
// Differential fuzzing without unwinding support: a fixed-seed batch of
// the fuzzer's programs (no panics, so neither signal panics nor frames
// built without the plugin), built with both plugins and
// -fplugin-arg-defer-no-unwind at -O0 and -O2, where both plugins lower
// every exit to one copy of the deferred blocks; every output must be the
// one the fuzzer's model predicts.  A longer run:
//   tools/fuzz/defer_fuzz.py --build build --no-unwind --count 5000 --seed 1
// RUN: python3 %S/../../tools/fuzz/defer_fuzz.py --build %obj-root --no-unwind --count 150 --seed 1000 --jobs 2 --out %t | FileCheck %s
// CHECK: 150 programs, {{[24]}} compilers {{.*}}, 0 failures
