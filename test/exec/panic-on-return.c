/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A deferred block that panics on a normal return still lets the older
// blocks of its function run, each once, and the panic goes on: with a
// mask or records (a loop defer) and with each defer in the outermost
// block (under Clang, one DeferStmt per site).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

/* A panic raised by a block on a normal return. */
static int panics_on_return(int n) {
  defer puts("  panics_on_return: oldest block");
  for (int i = 0; i < n; i++)
    defer printf("  panics_on_return: loop block %d\n", i);
  defer { puts("  panics_on_return: block panics"); defer_panic("on return"); }
  puts("  panics_on_return: body returns");
  return 1;
}

/* The same with every defer in the outermost block. */
static int outermost_on_return(int x) {
  defer puts("  outermost_on_return: oldest block");
  defer puts("  outermost_on_return: middle block");
  defer { puts("  outermost_on_return: block panics"); if (x) defer_panic("outermost"); }
  puts("  outermost_on_return: body returns");
  return 1;
}

static int catch_return(int n) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  catch_return: recovered '%s'\n", p ? p->message : "null");
    defer_result = 9;
  }
  return n < 0 ? outermost_on_return(-n) : panics_on_return(n);
}

int main(void) {
  puts("panic on return:");
  printf("catch_return returned %d\n", catch_return(0));
  puts("panic on return, loop defers:");
  printf("catch_return returned %d\n", catch_return(2));
  puts("panic on return, outermost defers:");
  printf("catch_return returned %d\n", catch_return(-1));
  return 0;
}

// CHECK:      panic on return:
// CHECK-NEXT:   panics_on_return: body returns
// CHECK-NEXT:   panics_on_return: block panics
// CHECK-NEXT:   panics_on_return: oldest block
// CHECK-NEXT:   catch_return: recovered 'on return'
// CHECK-NEXT: catch_return returned 9
// CHECK-NEXT: panic on return, loop defers:
// CHECK-NEXT:   panics_on_return: body returns
// CHECK-NEXT:   panics_on_return: block panics
// CHECK-NEXT:   panics_on_return: loop block 1
// CHECK-NEXT:   panics_on_return: loop block 0
// CHECK-NEXT:   panics_on_return: oldest block
// CHECK-NEXT:   catch_return: recovered 'on return'
// CHECK-NEXT: catch_return returned 9
// CHECK-NEXT: panic on return, outermost defers:
// CHECK-NEXT:   outermost_on_return: body returns
// CHECK-NEXT:   outermost_on_return: block panics
// CHECK-NEXT:   outermost_on_return: middle block
// CHECK-NEXT:   outermost_on_return: oldest block
// CHECK-NEXT:   catch_return: recovered 'outermost'
// CHECK-NEXT: catch_return returned 9
