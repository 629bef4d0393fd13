/* SPDX-License-Identifier: MIT */
// A deferred block sees the names visible at its defer statement: with
// several variables of the same name in nested and sibling blocks, each
// block uses the one in scope where it was written (all kept alive), even
// when the function returns from inside a block that shadows it.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void shadow(int early) {
  printf("shadow(%d)\n", early);
  int x = 1;
  defer printf("  outer x=%d\n", x);
  {
    int x = 2;
    defer printf("  first inner x=%d\n", x);
    x = 20;
  }
  {
    int x = 3;
    defer printf("  second inner x=%d\n", x);
    x = 30;
    if (early)
      return;
  }
  x = 10;
}

int main(void) {
  shadow(0);
  shadow(1);
  return 0;
}

// CHECK:      shadow(0)
// CHECK-NEXT:   second inner x=30
// CHECK-NEXT:   first inner x=20
// CHECK-NEXT:   outer x=10
// CHECK-NEXT: shadow(1)
// CHECK-NEXT:   second inner x=30
// CHECK-NEXT:   first inner x=20
// CHECK-NEXT:   outer x=1
