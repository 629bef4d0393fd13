/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic through 10,000 recursive frames, each with a pending defer (and
// every tenth with a loop defer): each deferred block runs exactly once,
// innermost frame first, and the outermost frame recovers.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s

#include <defer.h>
#include <stdio.h>

enum { DEPTH = 10000 };

static unsigned char ran[DEPTH + 1];
static long next_expected = DEPTH, out_of_order;

static void mark(int depth) {
  ran[depth]++;
  if (depth != next_expected)
    out_of_order++;
  next_expected = depth - 1;
}

static int descend(int depth) {
  if (depth % 10 == 0)
    for (int i = 0; i < 1; i++)
      defer mark(depth);
  else
    defer mark(depth);
  if (depth == DEPTH)
    defer_panic("bottom");
  return descend(depth + 1) + 1;
}

static int top(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    long once = 0;
    for (int d = 1; d <= DEPTH; d++)
      once += ran[d] == 1;
    printf("recovered '%s'; blocks run exactly once: %ld of %d; out of order: %ld\n",
           p ? p->message : "null", once, DEPTH, out_of_order);
    defer_result = -1;
  }
  return descend(1);
}

int main(void) {
  printf("top returned %d\n", top());
  return 0;
}

// CHECK: recovered 'bottom'; blocks run exactly once: 10000 of 10000; out of order: 0
// CHECK: top returned -1
