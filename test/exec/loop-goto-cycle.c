/* SPDX-License-Identifier: MIT */
// A defer in a cycle made by a backward goto registers on every pass. A
// variable declared between the label and the goto is copied per
// registration; one declared before the label is by reference.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void cycle(int n) {
  printf("cycle(%d)\n", n);
  int outer = 100;
  int k = 0;
again:;
  int inner = k * 10;
  defer printf("  inner=%d outer=%d k=%d\n", inner, outer, k);
  outer++;
  if (++k < n)
    goto again;
  puts("  body done");
}

static int cycle_in_block(int n) {
  printf("cycle_in_block(%d)\n", n);
  int passes = 0;
top:
  passes++;
  if (n % 2 == 0) {
    int even = n;
    defer printf("  even=%d passes=%d\n", even, passes);
  }
  if (--n > 0)
    goto top;
  return passes;
}

static void two_labels(void) {
  puts("two_labels");
  int round = 0;
first:;
  int r = round;
second:
  defer printf("  r=%d round=%d\n", r, round);
  round++;
  if (round == 2)
    goto second;
  if (round < 4)
    goto first;
  puts("  body done");
}

int main(void) {
  cycle(3);
  cycle(1);
  printf("returned %d\n", cycle_in_block(5));
  two_labels();
  return 0;
}

// CHECK:      cycle(3)
// CHECK-NEXT:   body done
// CHECK-NEXT:   inner=20 outer=103 k=3
// CHECK-NEXT:   inner=10 outer=103 k=3
// CHECK-NEXT:   inner=0 outer=103 k=3
// CHECK-NEXT: cycle(1)
// CHECK-NEXT:   body done
// CHECK-NEXT:   inner=0 outer=101 k=1
// CHECK-NEXT: cycle_in_block(5)
// CHECK-NEXT:   even=2 passes=5
// CHECK-NEXT:   even=4 passes=5
// CHECK-NEXT: returned 5
// CHECK-NEXT: two_labels
// CHECK-NEXT:   body done
// CHECK-NEXT:   r=3 round=4
// CHECK-NEXT:   r=1 round=4
// CHECK-NEXT:   r=1 round=4
// CHECK-NEXT:   r=0 round=4
