/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// Deferred blocks of a loop site that panic while records of the call are
// still pending on its stack, in pool blocks and in the frame buffer:
// every record still runs once, newest first, and the newest panic goes
// on to the caller, or is recovered by an older block of the same
// function, which then returns normally; also in a function with a VLA,
// which takes its pool mark on entry. The pool is given back every time
// (the next call starts at the same place).
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

// Records p1 and p2 panic once they have run.
__attribute__((noinline)) static void pooled(long n, long p1, long p2) {
  for (long i = 0; i < n; i++)
    defer {
      note(i);
      if (i == p1 || i == p2)
        defer_panicf("at %ld", i);
    }
}

// The VLA makes the function mark on entry.
__attribute__((noinline)) static void with_vla(long n, long p1, long p2) {
  volatile char vla[n % 7 + 1];
  vla[0] = 0;
  for (long i = vla[0]; i < n; i++)
    defer {
      note(i);
      if (i == p1 || i == p2)
        defer_panicf("at %ld", i);
    }
}

__attribute__((noinline)) static long recovering(long n, long p1) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  in the function: recovered '%s', %ld ran, order errors %ld\n",
           p ? p->message : "null", ran, order_errors);
    defer_result = 1;
  }
  for (long i = 0; i < n; i++)
    defer {
      note(i);
      if (i == p1)
        defer_panicf("at %ld", i);
    }
  return 0;
}

static void run_in(void (*f)(long, long, long), long n, long p1, long p2) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  caller: recovered '%s', %ld ran, order errors %ld\n",
           p ? p->message : "null", ran, order_errors);
  }
  ran = 0, order_errors = 0;
  f(n, p1, p2);
}

static void run(long n, long p1, long p2) { run_in(pooled, n, p1, p2); }

int main(void) {
  run(10, 3, -1);
  run(5000, 4000, -1); // in a pool block
  char *before = __libdefer_pool.cur;
  run(5000, 4000, 5); // then again in the frame buffer
  printf("pool given back: %s\n",
         __libdefer_pool.cur == before ? "yes" : "no");
  run_in(with_vla, 5000, 4000, 5);
  run_in(with_vla, 20, 10, -1);
  printf("pool given back: %s\n",
         __libdefer_pool.cur == before ? "yes" : "no");
  ran = 0, order_errors = 0;
  printf("returned %ld\n", recovering(5000, 2500));
  ran = 0, order_errors = 0;
  printf("returned %ld\n", recovering(5000, 2500));
  printf("pool given back: %s\n",
         __libdefer_pool.cur == before ? "yes" : "no");
  return 0;
}

// CHECK:        caller: recovered 'at 3', 10 ran, order errors 0
// CHECK-NEXT:   caller: recovered 'at 4000', 5000 ran, order errors 0
// CHECK-NEXT:   caller: recovered 'at 5', 5000 ran, order errors 0
// CHECK-NEXT: pool given back: yes
// CHECK-NEXT:   caller: recovered 'at 5', 5000 ran, order errors 0
// CHECK-NEXT:   caller: recovered 'at 10', 20 ran, order errors 0
// CHECK-NEXT: pool given back: yes
// CHECK-NEXT:   in the function: recovered 'at 2500', 5000 ran, order errors 0
// CHECK-NEXT: returned 1
// CHECK-NEXT:   in the function: recovered 'at 2500', 5000 ran, order errors 0
// CHECK-NEXT: returned 1
// CHECK-NEXT: pool given back: yes
