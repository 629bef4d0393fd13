/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A function that always panics, with a recover in a deferred block that
// is never registered: the panic still reaches its caller, which
// recovers (found by the fuzzer: GCC took such a function for one that
// cannot throw, and its caller lost the unwinding path).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s

#include <defer.h>
#include <stdio.h>

__attribute__((noinline)) static long always(long x) {
  defer_panicf("p%ld", x);
  for (int i = 0; i < x; i++)
    defer {
      if (defer_recover())
        puts("not reached");
    }
  return x;
}

__attribute__((noinline)) static void caller(long x) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("caller recovered %s\n", p ? p->message : "nothing");
  }
  printf("always returned %ld\n", always(x));
}

int main(void) {
  caller(3);
  return 0;
}

// CHECK: caller recovered p3
// CHECK-NOT: always returned
