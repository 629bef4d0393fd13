/* SPDX-License-Identifier: MIT */
// Between two registrations of a function whose records come from the
// pool, a callee registers enough pooled records to span several 64 KiB
// chunks and returns: the caller's later records land after its earlier
// ones, none is overwritten, and all run newest first with their values.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static long inner_sum;

__attribute__((noinline)) static void inner(long n) {
  for (long k = 0; k < n; k++)
    defer inner_sum += k;
}

static int expect, wrong, ran;

__attribute__((noinline)) static void outer(int rounds) {
  expect = rounds - 1;
  for (int i = 0; i < rounds; i++) {
    struct { long a, b; } pair = {i, -i};
    defer {
      ran++;
      if (i != expect || pair.a != i || pair.b != -i)
        wrong++;
      expect--;
    }
    inner(i % 2 ? 20000 : 5); /* 20000 records: five chunks */
  }
}

int main(void) {
  outer(60);
  printf("ran %d, wrong %d, inner %ld\n", ran, wrong, inner_sum);
  return 0;
}
// 30 calls of inner(20000) add 30 * 199990000, 30 of inner(5) add 30 * 10.
// CHECK: ran 60, wrong 0, inner 5999700300
