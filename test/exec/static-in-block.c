/* SPDX-License-Identifier: MIT */
// A static variable declared inside a deferred block is one object, however
// many exits the function has: each run of the block, from any exit, sees
// the count left by the previous one.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int exits(int how) {
  defer {
    static int runs;
    runs++;
    printf("run %d (how=%d)\n", runs, how);
  }
  if (how == 0)
    return 0;
  if (how == 1)
    return 1;
  return 2;
}

int main(void) {
  exits(0);
  exits(1);
  exits(2);
  exits(1);
  return 0;
}

// CHECK:      run 1 (how=0)
// CHECK-NEXT: run 2 (how=1)
// CHECK-NEXT: run 3 (how=2)
// CHECK-NEXT: run 4 (how=1)
