/* SPDX-License-Identifier: MIT */
// Recursive functions with loop defers: each invocation has its own
// registrations, also when an inner call makes and runs its own between two
// registrations of the outer one.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int descend(int depth) {
  if (depth == 0)
    return 0;
  for (int i = 0; i < depth; i++)
    defer printf("  descend(%d): i=%d\n", depth, i);
  int r = descend(depth - 1);
  printf("  descend(%d): inner returned %d\n", depth, r);
  return r + depth;
}

static void interleave(int depth, int width) {
  if (depth == 0)
    return;
  for (int i = 0; i < width; i++) {
    defer printf("  interleave(%d): i=%d\n", depth, i);
    interleave(depth - 1, width);
  }
}

/* Counts the leaves of a tree of the given depth and width, adding each
   subtree's count to *OUT from a deferred block.  */
static void leaves(int depth, int width, long *out) {
  for (int i = 0; i < width; i++) {
    long sub = 0;
    if (depth > 0)
      leaves(depth - 1, width, &sub);
    else
      sub = 1;
    defer *out += sub;
  }
}

int main(void) {
  puts("descend(3)");
  printf("returned %d\n", descend(3));
  puts("interleave(2, 2)");
  interleave(2, 2);
  long n = 0;
  leaves(4, 3, &n);
  printf("leaves(4, 3) = %ld\n", n);
  n = 0;
  leaves(6, 5, &n);
  printf("leaves(6, 5) = %ld\n", n);
  return 0;
}

// CHECK:      descend(3)
// CHECK-NEXT:   descend(1): inner returned 0
// CHECK-NEXT:   descend(1): i=0
// CHECK-NEXT:   descend(2): inner returned 1
// CHECK-NEXT:   descend(2): i=1
// CHECK-NEXT:   descend(2): i=0
// CHECK-NEXT:   descend(3): inner returned 3
// CHECK-NEXT:   descend(3): i=2
// CHECK-NEXT:   descend(3): i=1
// CHECK-NEXT:   descend(3): i=0
// CHECK-NEXT: returned 6
// CHECK-NEXT: interleave(2, 2)
// CHECK-NEXT:   interleave(1): i=1
// CHECK-NEXT:   interleave(1): i=0
// CHECK-NEXT:   interleave(1): i=1
// CHECK-NEXT:   interleave(1): i=0
// CHECK-NEXT:   interleave(2): i=1
// CHECK-NEXT:   interleave(2): i=0
// CHECK-NEXT: leaves(4, 3) = 243
// CHECK-NEXT: leaves(6, 5) = 78125
