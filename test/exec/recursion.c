/* SPDX-License-Identifier: MIT */
// Each invocation of a recursive function has its own registrations: the
// defers of an inner call run when that call returns, before the outer call
// continues, and a defer registered only in some invocations runs only there.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int sum_down(int n) {
  printf("enter %d\n", n);
  defer printf("defer A %d\n", n);
  if (n % 2 == 0)
    defer printf("defer even %d\n", n);
  int r = n;
  if (n > 0)
    r += sum_down(n - 1);
  defer printf("defer B %d (r=%d)\n", n, r);
  printf("leave %d\n", n);
  return r;
}

int main(void) {
  printf("result %d\n", sum_down(3));
  return 0;
}

// CHECK:      enter 3
// CHECK-NEXT: enter 2
// CHECK-NEXT: enter 1
// CHECK-NEXT: enter 0
// CHECK-NEXT: leave 0
// CHECK-NEXT: defer B 0 (r=0)
// CHECK-NEXT: defer even 0
// CHECK-NEXT: defer A 0
// CHECK-NEXT: leave 1
// CHECK-NEXT: defer B 1 (r=1)
// CHECK-NEXT: defer A 1
// CHECK-NEXT: leave 2
// CHECK-NEXT: defer B 2 (r=3)
// CHECK-NEXT: defer even 2
// CHECK-NEXT: defer A 2
// CHECK-NEXT: leave 3
// CHECK-NEXT: defer B 3 (r=6)
// CHECK-NEXT: defer A 3
// CHECK-NEXT: result 6
