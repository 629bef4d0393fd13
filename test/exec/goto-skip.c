/* SPDX-License-Identifier: MIT */
// A forward goto that jumps over a defer leaves it unregistered (it never
// runs); defers before the goto and after the label still run.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void skip(int jump) {
  printf("skip(%d)\n", jump);
  defer printf("  defer 1 (jump=%d)\n", jump);
  if (jump)
    goto later;
  defer printf("  defer 2 (jump=%d)\n", jump);
  puts("  not jumping");
  {
    defer printf("  defer 3 (jump=%d)\n", jump);
  }
later:
  defer printf("  defer 4 (jump=%d)\n", jump);
  puts("  at label");
}

int main(void) {
  skip(1);
  skip(0);
  return 0;
}

// CHECK-NOT:  {{.*}}defer 2 (jump=1){{.*}}
// CHECK-NOT:  {{.*}}defer 3 (jump=1){{.*}}
// CHECK:      skip(1)
// CHECK-NEXT:   at label
// CHECK-NEXT:   defer 4 (jump=1)
// CHECK-NEXT:   defer 1 (jump=1)
// CHECK-NEXT: skip(0)
// CHECK-NEXT:   not jumping
// CHECK-NEXT:   at label
// CHECK-NEXT:   defer 4 (jump=0)
// CHECK-NEXT:   defer 3 (jump=0)
// CHECK-NEXT:   defer 2 (jump=0)
// CHECK-NEXT:   defer 1 (jump=0)
