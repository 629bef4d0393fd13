/* SPDX-License-Identifier: MIT */
// A variable declared in an inner block (an if body, a nested { }) and named
// by a defer lives until the deferred block has run: the block reads the last
// value stored while the variable was in scope, even though sibling blocks
// that reuse stack space ran in between.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void scribble(volatile char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    p[i] = (char)0x5a;
}

static void in_if(int c) {
  printf("in_if(%d)\n", c);
  if (c) {
    int local = 42;
    defer printf("  deferred: local=%d\n", local);
    local = 43;
  }
  {
    volatile char junk[64];
    scribble(junk, sizeof junk);
  }
  puts("  after the if");
}

static void nested(void) {
  puts("nested()");
  {
    {
      long deep = 1234567;
      defer printf("  deferred: deep=%ld\n", deep);
    }
    volatile char junk[64];
    scribble(junk, sizeof junk);
  }
  {
    volatile char junk[128];
    scribble(junk, sizeof junk);
  }
  puts("  after the blocks");
}

int main(void) {
  in_if(1);
  in_if(0);
  nested();
  return 0;
}

// CHECK:      in_if(1)
// CHECK-NEXT:   after the if
// CHECK-NEXT:   deferred: local=43
// CHECK-NEXT: in_if(0)
// CHECK-NEXT:   after the if
// CHECK-NEXT: nested()
// CHECK-NEXT:   after the blocks
// CHECK-NEXT:   deferred: deep=1234567
