/* SPDX-License-Identifier: MIT */
// A forward goto over a `defer` in the function's outermost block: the
// defer was not reached, so its block does not run (found by the fuzzer:
// Clang's DeferStmt runs a block it was jumped over).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int f(int skip) {
  defer printf("  f(%d): first block\n", skip);
  if (skip)
    goto past;
  defer printf("  f(%d): second block\n", skip);
past:
  return skip;
}

int main(void) {
  printf("f returned %d\n", f(0));
  printf("f returned %d\n", f(1));
  return 0;
}

// CHECK:        f(0): second block
// CHECK-NEXT:   f(0): first block
// CHECK-NEXT: f returned 0
// CHECK-NEXT:   f(1): first block
// CHECK-NEXT: f returned 1
