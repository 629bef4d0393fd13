/* SPDX-License-Identifier: MIT */
// Deferred blocks run newest first (LIFO) when the function returns, for
// two, three and four defers, and only after the rest of the body has run.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void two(void) {
  defer puts("two: first registered");
  defer puts("two: second registered");
  puts("two: body");
}

static void three(void) {
  defer puts("three: 1");
  defer puts("three: 2");
  defer puts("three: 3");
  puts("three: body");
}

static void four(void) {
  defer puts("four: 1");
  puts("four: body a");
  defer puts("four: 2");
  puts("four: body b");
  defer puts("four: 3");
  defer puts("four: 4");
  puts("four: body c");
}

int main(void) {
  two();
  three();
  four();
  puts("main: done");
  return 0;
}

// CHECK:      two: body
// CHECK-NEXT: two: second registered
// CHECK-NEXT: two: first registered
// CHECK-NEXT: three: body
// CHECK-NEXT: three: 3
// CHECK-NEXT: three: 2
// CHECK-NEXT: three: 1
// CHECK-NEXT: four: body a
// CHECK-NEXT: four: body b
// CHECK-NEXT: four: body c
// CHECK-NEXT: four: 4
// CHECK-NEXT: four: 3
// CHECK-NEXT: four: 2
// CHECK-NEXT: four: 1
// CHECK-NEXT: main: done
