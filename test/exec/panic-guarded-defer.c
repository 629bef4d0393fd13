/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic through a function whose `if (c) defer X;` was reached with c
// false (the if inside a switch case, so the function uses a mask): the
// site is not due, the panic goes on and is recovered.  Found by the
// differential fuzzer: under Clang the site's bit stayed set and the
// unwinding path retried forever.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s

#include <defer.h>
#include <stdio.h>

__attribute__((noinline)) static void thrower(void) { defer_panic("boom"); }

__attribute__((noinline)) static void mid(long x) {
  switch (x & 1) {
  case 0:
    if (x & 32)
      defer puts("deferred");
  }
  thrower();
}

__attribute__((noinline)) static void top(long x) {
  defer {
    const defer_panic_info *p = defer_recover();
    if (p)
      printf("recovered %s\n", p->message);
  }
  mid(x);
}

int main(void) {
  top(0);
  top(32);
  return 0;
}

// CHECK:      recovered boom
// CHECK-NEXT: deferred
// CHECK-NEXT: recovered boom
