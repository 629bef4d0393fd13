/* SPDX-License-Identifier: MIT */
// A function declared always_inline whose loop defers may take records
// from the per-thread pool compiles and runs under both compilers: such a
// function keeps a stack frame of its own (libdefer tells functions apart
// by their frames), so it is not inlined.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static inline __attribute__((always_inline)) void pooled(int n) {
  for (int i = 0; i < n; i++)
    defer printf("%d ", i);
}

int main(void) {
  pooled(3);
  pooled(100);
  puts("");
  return 0;
}

// CHECK: 2 1 0 99 98 97
