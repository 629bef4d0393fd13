/* SPDX-License-Identifier: MIT */
// defer_result in a double function reads and replaces the floating-point
// value being returned.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

static double scaled(double v) {
  defer defer_result *= 2.5;
  defer printf("  result was %.3f\n", defer_result);
  if (v < 0)
    return -v;
  return v / 4;
}

static float narrow(float f) {
  defer {
    if (defer_result > 1.0f)
      defer_result = 1.0f;
  }
  return f + 0.5f;
}

int main(void) {
  printf("scaled(-2) = %.3f\n", scaled(-2.0));
  printf("scaled(3) = %.3f\n", scaled(3.0));
  printf("narrow(0.25) = %.2f\n", (double)narrow(0.25f));
  printf("narrow(4) = %.2f\n", (double)narrow(4.0f));
  return 0;
}

// CHECK:        result was 2.000
// CHECK-NEXT: scaled(-2) = 5.000
// CHECK-NEXT:   result was 0.750
// CHECK-NEXT: scaled(3) = 1.875
// CHECK-NEXT: narrow(0.25) = 0.75
// CHECK-NEXT: narrow(4) = 1.00
