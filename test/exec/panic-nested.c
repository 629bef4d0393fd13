/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// Panics raised by deferred blocks (Go's rules): a panic that escapes a
// deferred block replaces the panic that was running it; the function's
// older blocks still run, each once; a panic recovered inside a function
// that a deferred block calls leaves the outer panic going on.  (A block
// that panics on a normal return: gcc/panic-on-return.c.)
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>


/* Three panics, each raised by the newest pending block of the previous
   one's unwinding; the oldest block recovers the last. */
static int replaced(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  replaced: recovered '%s'\n", p ? p->message : "null");
    defer_result = 7;
  }
  defer puts("  replaced: middle block");
  defer { puts("  replaced: block panics 'third'"); defer_panic("third"); }
  defer { puts("  replaced: block panics 'second'"); defer_panic("second"); }
  defer_panic("first");
  return 0;
}

static void recovers_inside(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  recovers_inside: recovered '%s'\n", p ? p->message : "null");
  }
  defer_panic("inner");
}

/* The inner panic never leaves the block's callee: the outer one goes on
   and reaches the caller. */
static int outer_goes_on(void) {
  defer puts("  outer_goes_on: older block");
  defer {
    puts("  outer_goes_on: block calls recovers_inside");
    recovers_inside();
    puts("  outer_goes_on: back in the block");
  }
  defer_panic("outer");
  return 0;
}

static int catch_outer(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  catch_outer: recovered '%s'\n", p ? p->message : "null");
    defer_result = 3;
  }
  return outer_goes_on();
}

int main(void) {
  puts("replaced:");
  printf("replaced returned %d\n", replaced());
  puts("outer goes on:");
  printf("catch_outer returned %d\n", catch_outer());
  return 0;
}

// CHECK:      replaced:
// CHECK-NEXT:   replaced: block panics 'second'
// CHECK-NEXT:   replaced: block panics 'third'
// CHECK-NEXT:   replaced: middle block
// CHECK-NEXT:   replaced: recovered 'third'
// CHECK-NEXT: replaced returned 7
// CHECK-NEXT: outer goes on:
// CHECK-NEXT:   outer_goes_on: block calls recovers_inside
// CHECK-NEXT:   recovers_inside: recovered 'inner'
// CHECK-NEXT:   outer_goes_on: back in the block
// CHECK-NEXT:   outer_goes_on: older block
// CHECK-NEXT:   catch_outer: recovered 'outer'
// CHECK-NEXT: catch_outer returned 3
