/* SPDX-License-Identifier: MIT */
// Deferred blocks and the `cleanup` attribute: the deferred blocks run as
// the function's outermost block ends, while everything declared in it is
// still alive: after the cleanups of the inner blocks a return leaves,
// before the cleanups of the outermost block's variables (newest first,
// only those whose declaration was reached).  The same with records in a
// loop, and when a panic unwinds the function (cleanup-attribute-panic.c).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <defer.h>
#include <stdio.h>

static void say(const char **s) { printf("cleanup %s\n", *s); }
#define CLEANUP(n) __attribute__((cleanup(say))) const char *n = #n

static void returns(int x) {
  CLEANUP(outer1);
  defer puts("deferred");
  if (x > 1)
    return;
  CLEANUP(outer2);
  if (x) {
    CLEANUP(inner);
    return;
  }
  puts("end");
}

static void records(int n) {
  CLEANUP(outer);
  for (int i = 0; i < n; i++)
    defer printf("deferred %d\n", i);
}

static int value(void) {
  CLEANUP(outer);
  defer {
    printf("deferred sees %d\n", defer_result);
    defer_result = 3;
  }
  return 2;
}

int main(void) {
  returns(0);
  puts("--");
  returns(1);
  puts("--");
  returns(2);
  puts("--");
  records(2);
  puts("--");
  printf("value %d\n", value());
  return 0;
}

// CHECK:      end
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup outer2
// CHECK-NEXT: cleanup outer1
// CHECK-NEXT: --
// CHECK-NEXT: cleanup inner
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup outer2
// CHECK-NEXT: cleanup outer1
// CHECK-NEXT: --
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup outer1
// CHECK-NEXT: --
// CHECK-NEXT: deferred 1
// CHECK-NEXT: deferred 0
// CHECK-NEXT: cleanup outer
// CHECK-NEXT: --
// CHECK-NEXT: deferred sees 2
// CHECK-NEXT: cleanup outer
// CHECK-NEXT: value 3
