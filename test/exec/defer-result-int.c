/* SPDX-License-Identifier: MIT */
// defer_result in an int function reads the value being returned and can
// replace it; a newer block's change is seen by older blocks.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

static int clamp(int x) {
  defer {
    printf("  clamp: result was %d\n", defer_result);
    if (defer_result < 0)
      defer_result = 0;
  }
  if (x < 0)
    return x;
  return x * 2;
}

static int chain(int x) {
  defer printf("  chain: oldest sees %d\n", defer_result);
  defer defer_result += 1;
  defer printf("  chain: newest sees %d\n", defer_result);
  return x;
}

static int local_changed(void) {
  int r = 1;
  defer printf("  local_changed: r=%d defer_result=%d\n", r, defer_result);
  defer r = 2;
  return r;
}

int main(void) {
  printf("clamp(-5) = %d\n", clamp(-5));
  printf("clamp(4) = %d\n", clamp(4));
  printf("chain(10) = %d\n", chain(10));
  printf("local_changed() = %d\n", local_changed());
  return 0;
}

// CHECK:        clamp: result was -5
// CHECK-NEXT: clamp(-5) = 0
// CHECK-NEXT:   clamp: result was 8
// CHECK-NEXT: clamp(4) = 8
// CHECK-NEXT:   chain: newest sees 10
// CHECK-NEXT:   chain: oldest sees 11
// CHECK-NEXT: chain(10) = 11
// CHECK-NEXT:   local_changed: r=2 defer_result=1
// CHECK-NEXT: local_changed() = 1
