/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// UNSUPPORTED: native-defer-ts
// Differential fuzzing of block-scoped _Defer (tools/fuzz/ts_fuzz.py)
// where the Clang plugin lowers _Defer itself (Clang 19 and 21, which
// have none of their own): the batch of robust/ts-fuzz.c, built by this
// Clang through the plugin at -O0 and -O2, and by Clang 22's own
// -fdefer-ts when it is installed; every output must be the one the
// fuzzer's model of docs/REFERENCE.md predicts (Clang 22 may differ only
// by its NRVO of returned structures).
// RUN: python3 %S/../../tools/fuzz/ts_fuzz.py --build %obj-root --only clang,ref --count 100 --seed 1 --jobs 2 --batch 25 --out %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: 100 programs (100 run), {{[24]}} compilers {{.*}}, 0 failures
