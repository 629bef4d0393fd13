/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc
// GCC 11 refuses a _Defer that is the whole body of another statement
// (test/diag/scoped-defer-gcc11.c), which the generator writes.
// UNSUPPORTED: gcc-11
// Differential fuzzing of block-scoped _Defer (tools/fuzz/ts_fuzz.py): a
// fixed-seed batch of random programs that use _Defer in nested blocks,
// of expression and compound statements and of other statements, inside
// deferred statements, in for/while/do bodies with break and continue,
// with early returns at any depth, forward gotos out of blocks, backward
// gotos out of blocks and back past a _Defer, switches with _Defer in
// case blocks, statement expressions, `if (c) _Defer X;`, returns of ints
// and of structures that a _Defer modifies; spelled _Defer or, through
// <stddefer.h>, defer.  Built with the GCC and the Clang plugin (TS mode)
// and with Clang 22's own -fdefer-ts when present, at -O0 and -O2, every
// output must be the one the fuzzer's model of docs/REFERENCE.md
// predicts; Clang's own -fdefer-ts may differ only by its NRVO of
// returned structures, counted apart.  Some programs mix in the
// Go-style __defer (those are not built by Clang alone).  It runs once,
// from the GCC suite.  A longer run:
//   tools/fuzz/ts_fuzz.py --build build --count 1000 --seed 1 --jobs 2 --out /tmp/ts-fuzz
// RUN: python3 %S/../../tools/fuzz/ts_fuzz.py --build %obj-root --count 100 --seed 1 --jobs 2 --batch 25 --out %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: 100 programs (100 run), {{[246]}} compilers {{.*}}, 0 failures
