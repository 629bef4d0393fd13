/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc, asan
// Differential fuzzing under AddressSanitizer and UBSan: a fixed-seed batch
// of the fuzzer's programs (with panics), whose loops and goto cycles
// keep their records in frame arrays wherever their counters bound them
// (counters that asm statements write and narrowing casts in their tests
// among them); an array too short for the registrations, or a misaligned
// copy of an over-aligned array, fails the run.  The batch is split in two
// (fuzz-sanitized-2.c) so that each half stays within lit's limit per test
// on a busy machine.  A longer run:
//   tools/fuzz/defer_fuzz.py --build build --sanitize --count 2000 --seed 1
// RUN: python3 %S/../../tools/fuzz/defer_fuzz.py --build %obj-root --sanitize --count 50 --seed 40000 --jobs 2 --out %t | FileCheck %s
// CHECK: 50 programs, {{[24]}} compilers {{.*}}, 0 failures
