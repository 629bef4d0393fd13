/* SPDX-License-Identifier: MIT */
// A deferred block may contain a switch with fall-through, break, and a loop
// using continue inside a case; the switch's value is read when the block
// runs.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void sw_in_defer(int v) {
  defer {
    switch (v) {
    case 1:
      puts("  one");
      /* fall through */
    case 2:
      puts("  one or two");
      break;
    case 3:
      for (int i = 0; i < 3; i++) {
        if (i == 1)
          continue;
        printf("  three: i=%d\n", i);
      }
      break;
    default:
      puts("  other");
    }
    puts("  after the switch in the block");
  }
  printf("sw_in_defer(%d)\n", v);
  if (v == 0)
    v = 3;
}

int main(void) {
  sw_in_defer(1);
  sw_in_defer(2);
  sw_in_defer(0);
  sw_in_defer(7);
  return 0;
}

// CHECK:      sw_in_defer(1)
// CHECK-NEXT:   one
// CHECK-NEXT:   one or two
// CHECK-NEXT:   after the switch in the block
// CHECK-NEXT: sw_in_defer(2)
// CHECK-NEXT:   one or two
// CHECK-NEXT:   after the switch in the block
// CHECK-NEXT: sw_in_defer(0)
// CHECK-NEXT:   three: i=0
// CHECK-NEXT:   three: i=2
// CHECK-NEXT:   after the switch in the block
// CHECK-NEXT: sw_in_defer(7)
// CHECK-NEXT:   other
// CHECK-NEXT:   after the switch in the block
