/* SPDX-License-Identifier: MIT */
// A defer under an if registers only when its branch executes; both outcomes
// of each condition are exercised in one program.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void cond(int a, int b) {
  printf("cond(%d, %d)\n", a, b);
  defer puts("  always");
  if (a)
    defer puts("  a is set");
  if (b)
    defer puts("  b is set");
  else
    defer puts("  b is clear");
  if (a && b) {
    defer puts("  both set");
  }
  puts("  body");
}

int main(void) {
  cond(0, 0);
  cond(1, 0);
  cond(0, 1);
  cond(1, 1);
  return 0;
}

// CHECK:      cond(0, 0)
// CHECK-NEXT:   body
// CHECK-NEXT:   b is clear
// CHECK-NEXT:   always
// CHECK-NEXT: cond(1, 0)
// CHECK-NEXT:   body
// CHECK-NEXT:   b is clear
// CHECK-NEXT:   a is set
// CHECK-NEXT:   always
// CHECK-NEXT: cond(0, 1)
// CHECK-NEXT:   body
// CHECK-NEXT:   b is set
// CHECK-NEXT:   always
// CHECK-NEXT: cond(1, 1)
// CHECK-NEXT:   body
// CHECK-NEXT:   both set
// CHECK-NEXT:   b is set
// CHECK-NEXT:   a is set
// CHECK-NEXT:   always
