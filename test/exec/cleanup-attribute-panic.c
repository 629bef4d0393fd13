/* SPDX-License-Identifier: MIT */
// A panic unwinding a function with `cleanup` attributes runs them in the
// order a return does (cleanup-attribute-order.c): the cleanups of the
// blocks it leaves, then the deferred blocks, then the outermost block's
// cleanups.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// REQUIRES: unwind
#include <defer.h>
#include <stdio.h>

static void say(const char **s) { printf("cleanup %s\n", *s); }
#define CLEANUP(n) __attribute__((cleanup(say))) const char *n = #n

static void panics(int n) {
  CLEANUP(outer);
  defer puts("deferred");
  for (int i = 0; i < n; i++)
    defer printf("deferred %d\n", i);
  {
    CLEANUP(inner);
    defer_panic("boom");
  }
}

static void catcher(int n) {
  defer {
    if (defer_recover())
      puts("recovered");
  }
  panics(n);
}

int main(void) {
  catcher(0);
  puts("--");
  catcher(2);
  return 0;
}

// CHECK:      cleanup inner
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup outer
// CHECK-NEXT: recovered
// CHECK-NEXT: --
// CHECK-NEXT: cleanup inner
// CHECK-NEXT: deferred 1
// CHECK-NEXT: deferred 0
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup outer
// CHECK-NEXT: recovered
