/* SPDX-License-Identifier: MIT */
// A longjmp out of functions whose loop defers have pending registrations
// abandons them: they never run, not even when the function that catches
// the jump returns. Done 100000 times, this must not make memory grow, and
// the catcher's own registrations, made before all the jumps, still run
// once each at its return.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <malloc.h>
#include <setjmp.h>
#include <stdio.h>

enum { ROUNDS = 100000 };

static jmp_buf env;
static long abandoned_ran;
static long middle_ran;

static void thrower(int n) {
  for (int i = 0; i < n; i++)
    defer abandoned_ran++;
  longjmp(env, 1);
}

static void middle(int n) {
  for (int i = 0; i < n; i++)
    defer abandoned_ran++;
  int k = 0;
  while (k < 3) {
    defer middle_ran++;
    k++;
  }
  thrower(n + 1);
}

static size_t heap_in_use(void) {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks;
}

static int catcher(int rounds, long *growth) {
  for (int k = 0; k < 3; k++)
    defer printf("  catcher: k=%d abandoned_ran=%ld\n", k, abandoned_ran);
  size_t before = 0;
  int caught = 0;
  for (int r = 0; r < rounds; r++) {
    if (r == 1000)
      before = heap_in_use();
    if (setjmp(env) == 0) {
      if (r % 2)
        thrower(r % 40 + 1);
      else
        middle(r % 30 + 1);
    } else {
      caught++;
    }
  }
  *growth = (long)heap_in_use() - (long)before;
  return caught;
}

int main(void) {
  long growth = 0;
  int caught = catcher(ROUNDS, &growth);
  printf("caught %d\n", caught);
  printf("abandoned blocks that ran: %ld\n", abandoned_ran);
  printf("middle blocks that ran: %ld\n", middle_ran);
  printf("heap growth under 1 MiB: %s\n", growth < (1 << 20) ? "yes" : "no");
  return 0;
}

// CHECK:        catcher: k=2 abandoned_ran=0
// CHECK-NEXT:   catcher: k=1 abandoned_ran=0
// CHECK-NEXT:   catcher: k=0 abandoned_ran=0
// CHECK-NEXT: caught 100000
// CHECK-NEXT: abandoned blocks that ran: 0
// CHECK-NEXT: middle blocks that ran: 0
// CHECK-NEXT: heap growth under 1 MiB: yes
