/* SPDX-License-Identifier: MIT */
// Loops and a backward-goto cycle before and after a defer, none of them
// containing it, leave it an ordinary once-per-call defer: it registers once
// and runs once, seeing the final values.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void around(int n) {
  printf("around(%d)\n", n);
  int i = 0;
again:
  if (i < n) {
    i++;
    goto again;
  }
  for (int k = 0; k < n; k++)
    printf("  loop before: %d\n", k);
  defer printf("  deferred once: i=%d\n", i);
  while (i > 1)
    i--;
  do
    i += 10;
  while (i < 30);
  puts("  after the loops");
}

int main(void) {
  around(2);
  around(0);
  return 0;
}

// CHECK:      around(2)
// CHECK-NEXT:   loop before: 0
// CHECK-NEXT:   loop before: 1
// CHECK-NEXT:   after the loops
// CHECK-NEXT:   deferred once: i=31
// CHECK-NEXT: around(0)
// CHECK-NEXT:   after the loops
// CHECK-NEXT:   deferred once: i=30
