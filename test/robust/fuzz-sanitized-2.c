/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc, asan
// The second half of fuzz-sanitized.c's batch: the fuzzer's programs
// under AddressSanitizer and UBSan, from the next seeds.
// RUN: python3 %S/../../tools/fuzz/defer_fuzz.py --build %obj-root --sanitize --count 50 --seed 40050 --jobs 2 --out %t | FileCheck %s
// CHECK: 50 programs, {{[24]}} compilers {{.*}}, 0 failures
