/* SPDX-License-Identifier: MIT */
// A goto to a label on the defer statement itself executes the defer (it
// registers); only a defer the jump passes over stays unregistered.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void labelled(int jump) {
  printf("labelled(%d)\n", jump);
  if (jump)
    goto here;
  defer printf("  passed over when jumping (jump=%d)\n", jump);
here:
  defer printf("  defer at the label (jump=%d)\n", jump);
  puts("  after the label");
}

int main(void) {
  labelled(1);
  labelled(0);
  return 0;
}

// CHECK-NOT:  {{.*}}passed over when jumping (jump=1){{.*}}
// CHECK:      labelled(1)
// CHECK-NEXT:   after the label
// CHECK-NEXT:   defer at the label (jump=1)
// CHECK-NEXT: labelled(0)
// CHECK-NEXT:   after the label
// CHECK-NEXT:   defer at the label (jump=0)
// CHECK-NEXT:   passed over when jumping (jump=0)
