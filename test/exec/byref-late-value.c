/* SPDX-License-Identifier: MIT */
// Names in a deferred block denote the variables themselves, not copies
// made at the defer: locals and parameters assigned after the defer are
// seen with their value at return time, and a block's write to one is seen
// by the blocks that run after it.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void param(int n, const char *name) {
  defer printf("param: n=%d name=%s\n", n, name);
  n *= 10;
  name = "changed";
  if (n > 100) {
    n = -1;
    return;
  }
  n += 1;
}

static void local(void) {
  int count = 0;
  defer printf("local: count seen by older block = %d\n", count);
  defer count += 100;
  count = 5;
  defer printf("local: count seen by newest block = %d\n", count);
  count++;
}

int main(void) {
  param(4, "orig");
  param(50, "orig");
  local();
  return 0;
}

// CHECK:      param: n=41 name=changed
// CHECK-NEXT: param: n=-1 name=changed
// CHECK-NEXT: local: count seen by newest block = 6
// CHECK-NEXT: local: count seen by older block = 106
