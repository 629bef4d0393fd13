/* SPDX-License-Identifier: MIT */
// Variables of an inner block named by a defer keep their meaning when their
// lifetime is extended: a register variable, a const one, a static one, and
// partially initialised aggregates (the rest still zero, even over a dirty
// stack).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

struct eight {
  int a[8];
};

__attribute__((noinline)) static void dirty_stack(void) {
  volatile char junk[512];
  for (int i = 0; i < 512; i++)
    junk[i] = (char)0x77;
}

__attribute__((noinline)) static void inner(int c) {
  if (c) {
    register int r = 11;
    const int k = 5;
    static int st = 9;
    struct eight s = {.a[0] = 1};
    char str[16] = "hi";
    defer printf("r=%d k=%d st=%d s.a[0]=%d s.a[7]=%d str=%s str[15]=%d\n", r,
                 k, st, s.a[0], s.a[7], str, str[15]);
    st++;
  }
}

int main(void) {
  dirty_stack();
  inner(1);
  dirty_stack();
  inner(1);
  return 0;
}

// CHECK:      r=11 k=5 st=10 s.a[0]=1 s.a[7]=0 str=hi str[15]=0
// CHECK-NEXT: r=11 k=5 st=11 s.a[0]=1 s.a[7]=0 str=hi str[15]=0
