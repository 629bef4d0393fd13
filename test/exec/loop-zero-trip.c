/* SPDX-License-Identifier: MIT */
// A loop whose body never runs registers nothing, and the function's other
// defers still run; a later call that does enter the loop registers as
// usual.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int zero(int n) {
  printf("zero(%d)\n", n);
  defer puts("  once before");
  for (int i = 0; i < n; i++)
    defer printf("  for i=%d\n", i);
  int k = n;
  while (k-- > 0)
    defer puts("  while");
  for (int i = 0; i < 0; i++)
    defer puts("  constant zero-trip: never");
  for (int i = 5; i < 5; i++)
    defer puts("  empty range: never");
  defer puts("  once after");
  return n;
}

int main(void) {
  printf("returned %d\n", zero(0));
  printf("returned %d\n", zero(2));
  printf("returned %d\n", zero(-3));
  return 0;
}

// CHECK-NOT:  {{.*}}never{{.*}}
// CHECK:      zero(0)
// CHECK-NEXT:   once after
// CHECK-NEXT:   once before
// CHECK-NEXT: returned 0
// CHECK-NEXT: zero(2)
// CHECK-NEXT:   once after
// CHECK-NEXT:   while
// CHECK-NEXT:   while
// CHECK-NEXT:   for i=1
// CHECK-NEXT:   for i=0
// CHECK-NEXT:   once before
// CHECK-NEXT: returned 2
// CHECK-NEXT: zero(-3)
// CHECK-NEXT:   once after
// CHECK-NEXT:   once before
// CHECK-NEXT: returned -3
// CHECK-NOT:  {{.*}}never{{.*}}
