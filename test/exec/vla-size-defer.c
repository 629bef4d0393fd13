/* SPDX-License-Identifier: MIT */
// A defer in a statement expression that sizes a variable length array
// of a cast, of a pointer declaration or of a typedef registers when the
// size is evaluated, once per evaluation, although the type is used again
// (by sizeof): in a loop it runs once per iteration, with that iteration's
// copy of the loop variable.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int cast(int n, int *p) {
  int size = 0;
  for (int i = 0; i < n; i++)
    size += sizeof *(int (*)[({ defer printf("  cast: i=%d\n", i); i + 1; })])p;
  return size;
}

static int pointer(int n) {
  int (*p)[({ defer printf("  pointer: n=%d\n", n); n; })] = 0;
  return sizeof *p + (p != 0);
}

static int type(int n) {
  typedef int (*T)[({ defer puts("  typedef"); n; })];
  T t = 0;
  return sizeof *t + (t != 0);
}

int main(void) {
  int a[8];
  printf("cast %d\n", cast(3, a));
  printf("pointer %d\n", pointer(2));
  printf("typedef %d\n", type(3));
  return 0;
}

// CHECK:      cast: i=2
// CHECK-NEXT:   cast: i=1
// CHECK-NEXT:   cast: i=0
// CHECK-NEXT: cast 24
// CHECK-NEXT:   pointer: n=2
// CHECK-NEXT: pointer 8
// CHECK-NEXT:   typedef
// CHECK-NEXT: typedef 12
