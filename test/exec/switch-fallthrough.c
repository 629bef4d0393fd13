/* SPDX-License-Identifier: MIT */
// In a switch, each defer reached by falling through registers; a defer that
// a case label jumps over stays unregistered. Leaving the switch (or a case's
// own block) runs nothing: the defers run when the function returns.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void sw(int n) {
  printf("sw(%d)\n", n);
  switch (n) {
  case 0:
    defer puts("  case 0 defer");
    /* fall through */
  case 1:
    defer puts("  case 1 defer");
    /* fall through */
  case 2:
    defer puts("  case 2 defer");
    break;
  case 3: {
    defer puts("  case 3 defer");
    puts("  case 3 body");
    break;
  }
  default:
    puts("  default: no defer");
  }
  puts("  after switch");
}

int main(void) {
  sw(0);
  sw(1);
  sw(2);
  sw(3);
  sw(9);
  return 0;
}

// CHECK:      sw(0)
// CHECK-NEXT:   after switch
// CHECK-NEXT:   case 2 defer
// CHECK-NEXT:   case 1 defer
// CHECK-NEXT:   case 0 defer
// CHECK-NEXT: sw(1)
// CHECK-NEXT:   after switch
// CHECK-NEXT:   case 2 defer
// CHECK-NEXT:   case 1 defer
// CHECK-NEXT: sw(2)
// CHECK-NEXT:   after switch
// CHECK-NEXT:   case 2 defer
// CHECK-NEXT: sw(3)
// CHECK-NEXT:   case 3 body
// CHECK-NEXT:   after switch
// CHECK-NEXT:   case 3 defer
// CHECK-NEXT: sw(9)
// CHECK-NEXT:   default: no defer
// CHECK-NEXT:   after switch
