/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// With -masm=intel the compiler writes Intel syntax.  Under GCC the
// landing pads resume through a stub written into the same assembly file,
// in AT&T syntax: it is marked as such, and the code after it is Intel
// again.  A panic recovered across the landing pads goes through it.
// RUN: %cc -O0 -masm=intel %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 -masm=intel %s -o %t.O2 && %t.O2 | FileCheck %s
// RUN: %cc -O2 -masm=intel -S %s -o %t.s && %cc -c %t.s -o %t.o && %cc %t.o -o %t.asm && %t.asm | FileCheck %s
#include <defer.h>
#include <stdio.h>

__attribute__((noinline)) static void down(int n) {
  defer printf("block %d\n", n);
  if (n == 0)
    defer_panic("bottom");
  down(n - 1);
}

__attribute__((noinline)) static int top(void) {
  defer {
    if (defer_recover())
      defer_result = 1;
  }
  down(1);
  return 0;
}

int main(void) {
  printf("top %d\n", top());
  return 0;
}
// CHECK:      block 0
// CHECK-NEXT: block 1
// CHECK-NEXT: top 1
