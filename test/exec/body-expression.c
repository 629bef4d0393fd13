/* SPDX-License-Identifier: MIT */
// The deferred block may be a single expression statement: a call, an
// assignment, a comma expression or a conditional expression.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int counter;

static void bump(int by) {
  counter += by;
  printf("bump(%d) -> %d\n", by, counter);
}

static void exprs(int flag) {
  defer bump(1);
  defer counter *= 10;
  defer (bump(2), bump(3));
  defer flag ? bump(100) : bump(200);
  puts("exprs: body");
}

int main(void) {
  exprs(1);
  printf("counter = %d\n", counter);
  counter = 0;
  exprs(0);
  printf("counter = %d\n", counter);
  return 0;
}

// CHECK:      exprs: body
// CHECK-NEXT: bump(100) -> 100
// CHECK-NEXT: bump(2) -> 102
// CHECK-NEXT: bump(3) -> 105
// CHECK-NEXT: bump(1) -> 1051
// CHECK-NEXT: counter = 1051
// CHECK-NEXT: exprs: body
// CHECK-NEXT: bump(200) -> 200
// CHECK-NEXT: bump(2) -> 202
// CHECK-NEXT: bump(3) -> 205
// CHECK-NEXT: bump(1) -> 2051
// CHECK-NEXT: counter = 2051
