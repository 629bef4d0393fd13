/* SPDX-License-Identifier: MIT */
// A conditional defer runs exactly when its `if` was true at registration,
// also when the condition's variables change afterwards (in the body, in a
// deferred block, or through a pointer), and also when they do not.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static void unchanged(int x) {
  if (x & 8) defer puts("unchanged: registered");
  puts("unchanged: body");
}

static void changed_later(int x) {
  if (x) defer puts("changed later: registered");
  x = 0;
  printf("changed later: x=%d\n", x);
}

static void changed_by_defer(int x) {
  if (x) defer puts("changed by defer: registered");
  defer x = 0;
}

static void changed_through_pointer(int x) {
  int *p = &x;
  if (x) defer puts("through pointer: registered");
  *p = 0;
}

static void false_then_true(int x) {
  if (x) defer puts("false then true: registered");
  x = 1;
  printf("false then true: x=%d\n", x);
}

int main(void) {
  unchanged(8);
  unchanged(0);
  changed_later(1);
  changed_by_defer(1);
  changed_through_pointer(1);
  false_then_true(0);
  return 0;
}

// CHECK:      unchanged: body
// CHECK-NEXT: unchanged: registered
// CHECK-NEXT: unchanged: body
// CHECK-NEXT: changed later: x=0
// CHECK-NEXT: changed later: registered
// CHECK-NEXT: changed by defer: registered
// CHECK-NEXT: through pointer: registered
// CHECK-NEXT: false then true: x=1
// CHECK-NOT:  registered
