/* SPDX-License-Identifier: MIT */
// Defers in nested loops: each execution of each site registers, in the
// order the loops run them, and all of them run newest first at return;
// every loop variable is copied per registration. Bounds known at compile
// time and bounds known only at run time behave alike.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void constant_bounds(void) {
  puts("constant_bounds");
  for (int i = 0; i < 2; i++) {
    defer printf("  outer i=%d\n", i);
    for (int j = 0; j < 3; j++)
      defer printf("  inner i=%d j=%d\n", i, j);
  }
  puts("  body done");
}

static void runtime_bounds(int n, int m) {
  printf("runtime_bounds(%d, %d)\n", n, m);
  int i = 0;
  while (i < n) {
    int row = i * 10;
    int j = 0;
    do {
      int cell = row + j;
      defer printf("  cell=%d\n", cell);
    } while (++j < m);
    defer printf("  row=%d done\n", row);
    i++;
  }
  puts("  body done");
}

static void triangle(int n) {
  printf("triangle(%d)\n", n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < i; j++)
      for (int k = 0; k < 2; k++)
        defer printf("  (%d,%d,%d)\n", i, j, k);
  puts("  body done");
}

int main(void) {
  constant_bounds();
  runtime_bounds(2, 3);
  triangle(3);
  return 0;
}

// CHECK:      constant_bounds
// CHECK-NEXT:   body done
// CHECK-NEXT:   inner i=1 j=2
// CHECK-NEXT:   inner i=1 j=1
// CHECK-NEXT:   inner i=1 j=0
// CHECK-NEXT:   outer i=1
// CHECK-NEXT:   inner i=0 j=2
// CHECK-NEXT:   inner i=0 j=1
// CHECK-NEXT:   inner i=0 j=0
// CHECK-NEXT:   outer i=0
// CHECK-NEXT: runtime_bounds(2, 3)
// CHECK-NEXT:   body done
// CHECK-NEXT:   row=10 done
// CHECK-NEXT:   cell=12
// CHECK-NEXT:   cell=11
// CHECK-NEXT:   cell=10
// CHECK-NEXT:   row=0 done
// CHECK-NEXT:   cell=2
// CHECK-NEXT:   cell=1
// CHECK-NEXT:   cell=0
// CHECK-NEXT: triangle(3)
// CHECK-NEXT:   body done
// CHECK-NEXT:   (2,1,1)
// CHECK-NEXT:   (2,1,0)
// CHECK-NEXT:   (2,0,1)
// CHECK-NEXT:   (2,0,0)
// CHECK-NEXT:   (1,0,1)
// CHECK-NEXT:   (1,0,0)
