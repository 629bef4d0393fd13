/* SPDX-License-Identifier: MIT */
// A case label or a goto that jumps into a block past a defer (not into the
// deferred block itself) is allowed: that defer stays unregistered.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void by_case(int n) {
  printf("by_case(%d)\n", n);
  switch (n) {
  case 0: {
    defer puts("  case 0 defer");
  case 1:
    puts("  in the block");
  }
  }
}

static void by_goto(int jump) {
  printf("by_goto(%d)\n", jump);
  if (jump)
    goto inside;
  {
    defer puts("  block defer");
  inside:
    puts("  at the label");
  }
}

int main(void) {
  by_case(0);
  by_case(1);
  by_goto(0);
  by_goto(1);
  return 0;
}

// CHECK:      by_case(0)
// CHECK-NEXT:   in the block
// CHECK-NEXT:   case 0 defer
// CHECK-NEXT: by_case(1)
// CHECK-NEXT:   in the block
// CHECK-NEXT: by_goto(0)
// CHECK-NEXT:   at the label
// CHECK-NEXT:   block defer
// CHECK-NEXT: by_goto(1)
// CHECK-NEXT:   at the label
