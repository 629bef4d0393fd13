/* SPDX-License-Identifier: MIT */
// -fplugin-arg-defer-ts, the TS mode: `defer` is the TS's block-scoped
// statement (through <stddefer.h> as the TS writes it, or without it),
// __STDC_DEFER_TS25755__ is 1, and the Go-style statement is `__defer`.
// RUN: %cc -fplugin-arg-defer-ts -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -fplugin-arg-defer-ts -O2 -DHEADER %s -o %t.h && %t.h | FileCheck %s --check-prefixes=CHECK,HEADER
#ifdef HEADER
#include <stddefer.h>
#endif
#include <stdio.h>

static int f(void) {
  __defer puts("Go-style: when f returns");
  for (int i = 0; i < 2; i++) {
    defer printf("block-scoped: iteration %d\n", i);
    printf("iteration %d\n", i);
  }
  puts("end of f");
  return __STDC_DEFER_TS25755__;
}

int main(void) {
#ifdef __STDC_VERSION_STDDEFER_H__
  printf("header %ld\n", (long) __STDC_VERSION_STDDEFER_H__);
#endif
  printf("TS %d\n", f());
  return 0;
}
// HEADER: header 202602
// CHECK: iteration 0
// CHECK-NEXT: block-scoped: iteration 0
// CHECK-NEXT: iteration 1
// CHECK-NEXT: block-scoped: iteration 1
// CHECK-NEXT: end of f
// CHECK-NEXT: Go-style: when f returns
// CHECK-NEXT: TS 1
