/* SPDX-License-Identifier: MIT */
// defer_result in a function whose defers are in loops: every registration
// sees the value being returned as changed by the blocks that ran before it,
// an early return from inside the loop runs the registrations made so far,
// and a function that falls off its end returns what the blocks assigned.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

static int add_all(int n) {
  for (int i = 1; i <= n; i++)
    defer {
      printf("  i=%d sees %d\n", i, defer_result);
      defer_result += i;
    }
  return 1000;
}

static int early(int n) {
  for (int i = 0; i < n; i++) {
    defer defer_result = defer_result * 10 + i;
    if (i == 2)
      return 7;
  }
  return -1;
}

static int fall_off(int n) {
  defer printf("  fall_off: oldest sees %d\n", defer_result);
  int k = 0;
  while (k < n) {
    int add = k + 1;
    defer defer_result += add;
    k++;
  }
}

static double halve(int n) {
  for (int i = 0; i < n; i++)
    defer defer_result /= 2;
  return 40.0;
}

int main(void) {
  printf("add_all(3) = %d\n", add_all(3));
  printf("add_all(0) = %d\n", add_all(0));
  printf("early(5) = %d\n", early(5));
  printf("early(2) = %d\n", early(2));
  printf("fall_off(3) = %d\n", fall_off(3));
  printf("halve(3) = %g\n", halve(3));
  return 0;
}

// CHECK:        i=3 sees 1000
// CHECK-NEXT:   i=2 sees 1003
// CHECK-NEXT:   i=1 sees 1005
// CHECK-NEXT: add_all(3) = 1006
// CHECK-NEXT: add_all(0) = 1000
// CHECK-NEXT: early(5) = 7210
// CHECK-NEXT: early(2) = -90
// CHECK-NEXT:   fall_off: oldest sees 6
// CHECK-NEXT: fall_off(3) = 6
// CHECK-NEXT: halve(3) = 5
