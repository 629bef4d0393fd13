/* SPDX-License-Identifier: MIT */
// A function mixing defers that run at most once with defers in loops keeps
// one newest-first order across all of them, at every exit.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int mixed(int n) {
  printf("mixed(%d)\n", n);
  defer puts("  once A");
  for (int i = 0; i < n; i++)
    defer printf("  loop1 i=%d\n", i);
  defer puts("  once B");
  if (n == 1)
    return 1;
  int j = 0;
  while (j < 2) {
    int jj = j;
    defer printf("  loop2 jj=%d\n", jj);
    if (n == 3 && jj == 1)
      return 3;
    j++;
  }
  if (n > 1)
    defer puts("  once C");
  for (int k = 0; k < 2; k++) {
    defer printf("  loop3 k=%d\n", k);
    if (k == 0)
      defer puts("  once-in-loop D");
  }
  return 0;
}

int main(void) {
  printf("returned %d\n", mixed(1));
  printf("returned %d\n", mixed(2));
  printf("returned %d\n", mixed(3));
  printf("returned %d\n", mixed(0));
  return 0;
}

// CHECK:      mixed(1)
// CHECK-NEXT:   once B
// CHECK-NEXT:   loop1 i=0
// CHECK-NEXT:   once A
// CHECK-NEXT: returned 1
// CHECK-NEXT: mixed(2)
// CHECK-NEXT:   loop3 k=1
// CHECK-NEXT:   once-in-loop D
// CHECK-NEXT:   loop3 k=0
// CHECK-NEXT:   once C
// CHECK-NEXT:   loop2 jj=1
// CHECK-NEXT:   loop2 jj=0
// CHECK-NEXT:   once B
// CHECK-NEXT:   loop1 i=1
// CHECK-NEXT:   loop1 i=0
// CHECK-NEXT:   once A
// CHECK-NEXT: returned 0
// CHECK-NEXT: mixed(3)
// CHECK-NEXT:   loop2 jj=1
// CHECK-NEXT:   loop2 jj=0
// CHECK-NEXT:   once B
// CHECK-NEXT:   loop1 i=2
// CHECK-NEXT:   loop1 i=1
// CHECK-NEXT:   loop1 i=0
// CHECK-NEXT:   once A
// CHECK-NEXT: returned 3
// CHECK-NEXT: mixed(0)
// CHECK-NEXT:   loop3 k=1
// CHECK-NEXT:   once-in-loop D
// CHECK-NEXT:   loop3 k=0
// CHECK-NEXT:   loop2 jj=1
// CHECK-NEXT:   loop2 jj=0
// CHECK-NEXT:   once B
// CHECK-NEXT:   once A
// CHECK-NEXT: returned 0
