/* SPDX-License-Identifier: MIT */
// `return expr;` evaluates expr before the deferred blocks run: a defer that
// changes the returned variable (local, global, or through a pointer) does
// not change what the caller receives, and calls in expr happen first.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int global = 0;

static int local_var(void) {
  int x = 1;
  defer {
    x = 100;
    printf("defer: x set to %d\n", x);
  }
  x = 2;
  return x;
}

static int global_var(void) {
  global = 5;
  defer global = 50;
  return global;
}

static int through_pointer(int *p) {
  defer *p = 0;
  return *p + 1;
}

static long widened(void) {
  long big = 1L << 40;
  defer big = 3;
  return big;
}

static int side(void) {
  puts("return expression evaluated");
  return 7;
}

static int call_in_return(void) {
  defer puts("defer runs after the return expression");
  return side();
}

int main(void) {
  printf("local_var() = %d\n", local_var());
  printf("global_var() = %d\n", global_var());
  printf("global now %d\n", global);
  int cell = 41;
  printf("through_pointer() = %d\n", through_pointer(&cell));
  printf("cell now %d\n", cell);
  printf("widened() == 1<<40: %s\n", widened() == (1L << 40) ? "yes" : "no");
  printf("call_in_return() = %d\n", call_in_return());
  return 0;
}

// CHECK:      defer: x set to 100
// CHECK-NEXT: local_var() = 2
// CHECK-NEXT: global_var() = 5
// CHECK-NEXT: global now 50
// CHECK-NEXT: through_pointer() = 42
// CHECK-NEXT: cell now 0
// CHECK-NEXT: widened() == 1<<40: yes
// CHECK-NEXT: return expression evaluated
// CHECK-NEXT: defer runs after the return expression
// CHECK-NEXT: call_in_return() = 7
