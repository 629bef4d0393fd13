/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic unwinds functions with loop defers: every registration made so
// far runs once, newest first, including those of a loop left in the
// middle, with records in the frame buffer, in a frame array and in the
// pool (thousands of them); the pool is given back (the next call starts
// at the same place).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer-runtime.h>
#include <defer.h>
#include <stdio.h>

static long ran, last, order_errors;

static void note(long i) {
  if (ran > 0 && i != last - 1)
    order_errors++;
  last = i;
  ran++;
}

static void pooled(long n, long panic_at) {
  for (long i = 0; i < n; i++) {
    defer note(i);
    if (i == panic_at)
      defer_panicf("at %ld", i);
  }
}

static void counted(void) {
  for (int i = 0; i < 8; i++) {
    defer note(i);
    if (i == 5)
      defer_panic("counted");
  }
}

static long run(void (*f)(long, long), long n, long at) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  recovered '%s': %ld ran, order errors %ld\n",
           p ? p->message : "null", ran, order_errors);
  }
  ran = 0, order_errors = 0;
  f(n, at);
  return 0;
}

static void counted_adapter(long n, long at) {
  (void)n, (void)at;
  counted();
}

int main(void) {
  run(pooled, 10, 3);
  run(pooled, 100000, 54321);
  char *after_first = __libdefer_pool.cur;
  run(pooled, 100000, 54321);
  printf("pool given back: %s\n",
         __libdefer_pool.cur == after_first ? "yes" : "no");
  run(counted_adapter, 0, 0);
  return 0;
}

// CHECK:        recovered 'at 3': 4 ran, order errors 0
// CHECK-NEXT:   recovered 'at 54321': 54322 ran, order errors 0
// CHECK-NEXT:   recovered 'at 54321': 54322 ran, order errors 0
// CHECK-NEXT: pool given back: yes
// CHECK-NEXT:   recovered 'counted': 6 ran, order errors 0
