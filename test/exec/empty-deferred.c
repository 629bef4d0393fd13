/* SPDX-License-Identifier: MIT */
// Deferred blocks that do nothing at run time (declarations only, reads
// without effect, branches on constants, empty blocks) compile and leave
// the function's result alone, whether they are the only defer, follow
// another or are followed by code that does nothing either.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O0 -g %s -o %t.g && %t.g | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

int value;

static int declarations(void) {
  defer { extern int value; (void)value; }
  defer { int unused; (void)unused; }
  puts("declarations");
  return 3;
}

static int constant_branch(void) {
  defer if (0) puts("never");
  puts("constant_branch");
  return 1;
}

static int empty_loop(void) {
  defer do ; while (0);
  return 2;
}

static int empty_blocks(void) {
  defer { ; }
  defer (void)sizeof(int);
  return 3;
}

static int empty_branches(int c) {
  defer { if (c) {} else {} }
  puts("empty_branches");
  return 4;
}

static int types_only(void) {
  defer { enum { A = 1 }; typedef int T; T t; (void)t; }
  return 5;
}

static int static_and_initialised(void) {
  defer { static int s; (void)s; }
  if (value)
    return 0;
  defer { int z = 0; (void)z; }
  return 6;
}

static void nothing_at_all(void) {
  defer { }
}

static int nothing_after(void) {
  int r = 8;
  defer { ; }
  defer { int q; (void)q; }
  { int unused; }
  ;
  return r;
}

int main(void) {
  printf("%d\n", declarations());
  printf("%d\n", constant_branch());
  printf("%d\n", empty_loop());
  printf("%d\n", empty_blocks());
  printf("%d\n", empty_branches(0));
  printf("%d\n", types_only());
  printf("%d\n", static_and_initialised());
  nothing_at_all();
  printf("%d\n", nothing_after());
  return 0;
}

// CHECK:      declarations
// CHECK-NEXT: 3
// CHECK-NEXT: constant_branch
// CHECK-NEXT: 1
// CHECK-NEXT: 2
// CHECK-NEXT: 3
// CHECK-NEXT: empty_branches
// CHECK-NEXT: 4
// CHECK-NEXT: 5
// CHECK-NEXT: 6
// CHECK-NEXT: 8
