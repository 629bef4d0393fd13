/* SPDX-License-Identifier: MIT */
// A forward goto taken after defers were registered (also out of the nested
// block holding a defer) does not run them: they run once, at the return.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int after(int fail) {
  printf("after(%d)\n", fail);
  defer puts("  defer a");
  {
    defer puts("  defer b");
    if (fail == 1)
      goto out;
    {
      defer puts("  defer c");
      if (fail == 2)
        goto out;
    }
  }
  puts("  work");
out:
  puts("  at out");
  return fail ? -1 : 0;
}

int main(void) {
  printf("returned %d\n", after(1));
  printf("returned %d\n", after(2));
  printf("returned %d\n", after(0));
  return 0;
}

// CHECK:      after(1)
// CHECK-NEXT:   at out
// CHECK-NEXT:   defer b
// CHECK-NEXT:   defer a
// CHECK-NEXT: returned -1
// CHECK-NEXT: after(2)
// CHECK-NEXT:   at out
// CHECK-NEXT:   defer c
// CHECK-NEXT:   defer b
// CHECK-NEXT:   defer a
// CHECK-NEXT: returned -1
// CHECK-NEXT: after(0)
// CHECK-NEXT:   work
// CHECK-NEXT:   at out
// CHECK-NEXT:   defer c
// CHECK-NEXT:   defer b
// CHECK-NEXT:   defer a
// CHECK-NEXT: returned 0
