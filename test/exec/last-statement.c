/* SPDX-License-Identifier: MIT */
// A `defer` that is the last statement of its function runs as the
// function ends, also when it is the only one and nothing follows it, or
// only statements without effects (GCC's passes do not take an empty
// cleanup region), with debug markers (-g) and without.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O0 -g %s -o %t.g && %t.g | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static int value;

static void only(void) {
  defer puts("only");
}

static int last(void) {
  value = 7;
  defer printf("last %d\n", value);
}

static int trailing(void) {
  defer puts("trailing");
  0;           // statements without effects after the last defer
  int unused;
  (void)unused;
}

static int two(int x) {
  defer puts("two: first");
  if (x)
    return 1;
  defer puts("two: second");
}

int main(void) {
  only();
  printf("returned %d\n", last());
  printf("returned %d\n", trailing());
  printf("returned %d\n", two(0));
  return 0;
}

// CHECK:      only
// CHECK-NEXT: last 7
// CHECK-NEXT: returned 0
// CHECK-NEXT: trailing
// CHECK-NEXT: returned 0
// CHECK-NEXT: two: second
// CHECK-NEXT: two: first
// CHECK-NEXT: returned 0
