/* SPDX-License-Identifier: MIT */
// The reserved spelling __defer means the same as defer and mixes with it in
// one function (LIFO across both spellings).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void spelled(int c) {
  __defer puts("  __defer 1");
  defer puts("  defer 2");
  if (c)
    __defer {
      puts("  __defer 3 (block)");
    }
  puts("  body");
}

int main(void) {
  puts("spelled(1)");
  spelled(1);
  puts("spelled(0)");
  spelled(0);
  return 0;
}

// CHECK:      spelled(1)
// CHECK-NEXT:   body
// CHECK-NEXT:   __defer 3 (block)
// CHECK-NEXT:   defer 2
// CHECK-NEXT:   __defer 1
// CHECK-NEXT: spelled(0)
// CHECK-NEXT:   body
// CHECK-NEXT:   defer 2
// CHECK-NEXT:   __defer 1
