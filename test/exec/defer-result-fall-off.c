/* SPDX-License-Identifier: MIT */
// When a non-void function falls off its end, defer_result reads as zero
// (a null pointer for a pointer) and a value assigned to it is what the
// caller receives.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

static int fall_off(int early) {
  defer {
    printf("  fall_off: defer_result reads %d\n", defer_result);
    defer_result += 7;
  }
  if (early)
    return 100;
  puts("  fall_off: reached the end");
}

static const char *fall_off_ptr(void) {
  defer {
    printf("  fall_off_ptr: defer_result is %s\n",
           defer_result ? "non-null" : "null");
    defer_result = "assigned by defer";
  }
}

static double fall_off_double(void) {
  defer defer_result = defer_result + 0.5;
}

int main(void) {
  printf("fall_off(0) = %d\n", fall_off(0));
  printf("fall_off(1) = %d\n", fall_off(1));
  printf("fall_off_ptr() = %s\n", fall_off_ptr());
  printf("fall_off_double() = %.1f\n", fall_off_double());
  return 0;
}

// CHECK:        fall_off: reached the end
// CHECK-NEXT:   fall_off: defer_result reads 0
// CHECK-NEXT: fall_off(0) = 7
// CHECK-NEXT:   fall_off: defer_result reads 100
// CHECK-NEXT: fall_off(1) = 107
// CHECK-NEXT:   fall_off_ptr: defer_result is null
// CHECK-NEXT: fall_off_ptr() = assigned by defer
// CHECK-NEXT: fall_off_double() = 0.5
