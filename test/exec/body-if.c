/* SPDX-License-Identifier: MIT */
// The deferred block may be an if statement (with or without else); its
// condition is evaluated when the block runs, not when it is registered.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void with_if(int ok) {
  defer if (ok) puts("if-else: ok"); else puts("if-else: failed");
  defer if (ok > 1) puts("if: ok > 1");
  defer if (ok) { puts("if-chain: nonzero"); } else if (ok == 0) { puts("if-chain: zero"); }
  printf("body: ok=%d\n", ok);
  ok = !ok;
  printf("body: ok changed to %d\n", ok);
}

int main(void) {
  with_if(0);
  with_if(5);
  return 0;
}

// CHECK:      body: ok=0
// CHECK-NEXT: body: ok changed to 1
// CHECK-NEXT: if-chain: nonzero
// CHECK-NEXT: if-else: ok
// CHECK-NEXT: body: ok=5
// CHECK-NEXT: body: ok changed to 0
// CHECK-NEXT: if-chain: zero
// CHECK-NEXT: if-else: failed
