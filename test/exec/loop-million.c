/* SPDX-License-Identifier: MIT */
// A million registrations of one defer in one call: every one runs, once,
// newest first, each with its own copy of the loop variable. The second
// and third calls reuse the storage of the first.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static long count, sum, out_of_order;
static long expect;

static void reset(long n) {
  count = sum = out_of_order = 0;
  expect = n - 1;
}

static void million(long n) {
  for (long i = 0; i < n; i++) {
    defer {
      count++;
      sum += i;
      if (i != expect)
        out_of_order++;
      expect--;
    }
  }
}

static void million_constant(void) {
  for (int i = 0; i < 1000000; i++)
    defer {
      count++;
      sum += i;
      if (i != expect)
        out_of_order++;
      expect--;
    }
}

int main(void) {
  for (int round = 0; round < 2; round++) {
    reset(1000000);
    million(1000000);
    printf("million: count=%ld sum=%ld out_of_order=%ld\n", count, sum, out_of_order);
  }
  reset(1000000);
  million_constant();
  printf("million_constant: count=%ld sum=%ld out_of_order=%ld\n", count, sum, out_of_order);
  return 0;
}

// CHECK:      million: count=1000000 sum=499999500000 out_of_order=0
// CHECK-NEXT: million: count=1000000 sum=499999500000 out_of_order=0
// CHECK-NEXT: million_constant: count=1000000 sum=499999500000 out_of_order=0
