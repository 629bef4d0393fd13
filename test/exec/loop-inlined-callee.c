/* SPDX-License-Identifier: MIT */
// A function whose loop defers take records from the pool, called (and at
// -O2 inlined) while its caller has pooled registrations pending: the
// callee's registrations never disturb the caller's, which run afterwards
// with their own copies. Three levels, with records of different sizes.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void inner(int n) {
  for (int k = 0; k < n; k++) {
    int tag = 100 + k;
    defer printf("  inner: tag=%d\n", tag);
  }
}

static void outer(int n) {
  for (int m = 0; m < n; m++)
    defer printf("  outer: m=%d\n", m);
  inner(n);
}

static void leaf(int n) {
  for (int i = 0; i < n + 1; i++) {
    char name[24];
    snprintf(name, sizeof name, "leaf-%d", i);
    defer printf("  leaf: %s\n", name);
  }
}

static void mid(int n) {
  int k = 0;
  while (k < n) {
    long wide = 1000L * k;
    defer printf("  mid: wide=%ld\n", wide);
    k++;
  }
  leaf(n);
}

static void top(int n) {
  for (int t = 0; t < n; t++)
    defer printf("  top: t=%d\n", t);
  mid(n);
}

int main(int argc, char **argv) {
  (void)argv;
  int n = argc + 1; /* 2, unknown to the compiler */
  puts("outer");
  outer(n);
  puts("top");
  top(n);
  return 0;
}

// CHECK:      outer
// CHECK-NEXT:   inner: tag=101
// CHECK-NEXT:   inner: tag=100
// CHECK-NEXT:   outer: m=1
// CHECK-NEXT:   outer: m=0
// CHECK-NEXT: top
// CHECK-NEXT:   leaf: leaf-2
// CHECK-NEXT:   leaf: leaf-1
// CHECK-NEXT:   leaf: leaf-0
// CHECK-NEXT:   mid: wide=1000
// CHECK-NEXT:   mid: wide=0
// CHECK-NEXT:   top: t=1
// CHECK-NEXT:   top: t=0
