/* SPDX-License-Identifier: MIT */
// REQUIRES: clang, defer-lower
// defer-lower on the random programs of the _Defer fuzzer
// (tools/fuzz/lower_fuzz.py, with tools/fuzz/ts_fuzz.py's generator and
// model): a fixed-seed batch of programs with _Defer in nested blocks,
// loops with break and continue, early returns, gotos out of blocks and
// back past a _Defer, switches, statement expressions, `_Defer _Defer X;`,
// returned structures a _Defer modifies, some with the Go-style __defer
// beside it, lowered to plain C and built by plain gcc, plain clang and
// tcc (where installed): every output must be the one the model predicts.
// It runs once, from the Clang suite.  A longer run:
//   tools/fuzz/lower_fuzz.py --tool build/bin/defer-lower --cc gcc --cc tcc \
//     --include runtime/include --libdir build/runtime --count 2000 --nested
// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/../../tools/fuzz/lower_fuzz.py --tool %defer-lower \
// RUN:   --cc %gcc --cc %clang %if tcc %{ --cc tcc %} --include %runtime-include \
// RUN:   --libdir %runtime-libdir --count 200 --seed 1 --nested --out %t \
// RUN:   | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: 200 programs (200 run), {{[23]}} compilers {{.*}}, 0 failures
