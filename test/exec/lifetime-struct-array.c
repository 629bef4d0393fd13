/* SPDX-License-Identifier: MIT */
// A struct and an array declared in an inner block and named by a defer stay
// alive (whole) until the deferred block runs after the block has ended.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

struct point {
  int x, y;
  char label[8];
};

static void scribble(volatile char *p, unsigned n) {
  for (unsigned i = 0; i < n; i++)
    p[i] = (char)0xa5;
}

static void use_later(int which) {
  printf("use_later(%d)\n", which);
  if (which) {
    struct point pt = {3, 4, "pt"};
    int arr[6] = {1, 2, 3, 4, 5, 6};
    defer {
      int sum = 0;
      for (int i = 0; i < 6; i++)
        sum += arr[i];
      printf("  deferred: pt={%d,%d,%s} arr[2]=%d sum=%d\n", pt.x, pt.y,
             pt.label, arr[2], sum);
    }
    arr[2] = 30;
    pt.y = 40;
  }
  {
    volatile char junk[256];
    scribble(junk, sizeof junk);
  }
  puts("  after the block");
}

int main(void) {
  use_later(1);
  use_later(0);
  return 0;
}

// CHECK:      use_later(1)
// CHECK-NEXT:   after the block
// CHECK-NEXT:   deferred: pt={3,40,pt} arr[2]=30 sum=48
// CHECK-NEXT: use_later(0)
// CHECK-NEXT:   after the block
