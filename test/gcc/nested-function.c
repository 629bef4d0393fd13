/* SPDX-License-Identifier: MIT */
// GNU C nested functions: a defer in a nested function belongs to the nested
// function (it runs each time that returns), a deferred block of the outer
// function may define and call a nested function that returns, and the
// outer function's defers run once, at its own return.
// REQUIRES: gcc
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int outer(int n) {
  int helper(int k) {
    defer printf("  helper defer %d\n", k);
    if (k > 100)
      return k;
    return k * 2;
  }
  defer printf("  outer defer, helper gives %d\n", helper(n + 100));
  defer {
    int inner(int q) {
      if (q)
        return q + 1;
      return 0;
    }
    printf("  inner(n) = %d\n", inner(n));
  }
  printf("  outer body\n");
  return helper(n);
}

int main(void) {
  printf("outer(1) = %d\n", outer(1));
  return 0;
}

// CHECK:        outer body
// CHECK-NEXT:   helper defer 1
// CHECK-NEXT:   inner(n) = 2
// CHECK-NEXT:   helper defer 101
// CHECK-NEXT:   outer defer, helper gives 101
// CHECK-NEXT: outer(1) = 2
