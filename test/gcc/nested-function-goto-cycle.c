/* SPDX-License-Identifier: MIT */
// A goto from a GNU C nested function back to a label of the enclosing
// function before a defer makes a cycle like a backward goto: the defer
// registers on each pass, with its own copy of a variable declared in the
// cycle, and its block runs once per registration.
// REQUIRES: gcc
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void cycle(void) {
  __label__ again;
  int n = 0;
  void next(void) {
    if (n < 2) {
      n++;
      goto again;
    }
  }
again:;
  int copy = n;
  defer printf("  copy=%d n=%d\n", copy, n);
  next();
}

int main(void) {
  cycle();
  puts("returned");
  return 0;
}

// CHECK:        copy=2 n=2
// CHECK-NEXT:   copy=1 n=2
// CHECK-NEXT:   copy=0 n=2
// CHECK-NEXT: returned
