/* SPDX-License-Identifier: MIT */
// A deferred block may contain its own for, while and do loops, with break
// and continue that belong to those loops; the defer itself is not in a
// loop, so it runs once.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void loops(int n) {
  printf("loops(%d)\n", n);
  defer {
    for (int i = 0; i < 10; i++) {
      if (i % 2)
        continue;
      if (i >= n)
        break;
      printf("  for: i=%d\n", i);
    }
    int j = 0;
    while (1) {
      if (++j == 3)
        break;
    }
    printf("  while: j=%d\n", j);
    int k = 0;
    do {
      k++;
      if (k < 2)
        continue;
      for (int m = 0; m < 3; m++) {
        if (m == 1)
          break;
        printf("  do/for: k=%d m=%d\n", k, m);
      }
    } while (k < 3);
  }
  if (n == 0)
    return;
  puts("  body");
}

int main(void) {
  loops(5);
  loops(0);
  return 0;
}

// CHECK:      loops(5)
// CHECK-NEXT:   body
// CHECK-NEXT:   for: i=0
// CHECK-NEXT:   for: i=2
// CHECK-NEXT:   for: i=4
// CHECK-NEXT:   while: j=3
// CHECK-NEXT:   do/for: k=2 m=0
// CHECK-NEXT:   do/for: k=3 m=0
// CHECK-NEXT: loops(0)
// CHECK-NEXT:   while: j=3
// CHECK-NEXT:   do/for: k=2 m=0
// CHECK-NEXT:   do/for: k=3 m=0
