/* SPDX-License-Identifier: MIT */
// defer_result has the function's return type (without qualifiers): _Bool,
// unsigned char, long long, an enum, a const-qualified return type and a
// function pointer all read and assign with that type's conversions.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

static _Bool to_bool(void) {
  defer defer_result = 5;
  return 0;
}

static unsigned char wraps(void) {
  defer defer_result += 300;
  return 1;
}

static long long wide(void) {
  defer defer_result <<= 20;
  return 1LL << 40;
}

enum color { RED, GREEN, BLUE };

static enum color pick(void) {
  defer {
    if (defer_result == RED)
      defer_result = BLUE;
  }
  return RED;
}

static const int qualified(void) {
  defer defer_result = 5;
  return 1;
}

static int twice(int v) { return 2 * v; }

static int (*get_fn(void))(int) {
  defer {
    if (!defer_result)
      defer_result = twice;
  }
  return 0;
}

int main(void) {
  printf("to_bool() = %d\n", to_bool());
  printf("wraps() = %d\n", wraps());
  printf("wide() == 1<<60: %s\n", wide() == 1LL << 60 ? "yes" : "no");
  printf("pick() = %d\n", pick());
  printf("qualified() = %d\n", qualified());
  printf("get_fn()(4) = %d\n", get_fn()(4));
  return 0;
}

// CHECK:      to_bool() = 1
// CHECK-NEXT: wraps() = 45
// CHECK-NEXT: wide() == 1<<60: yes
// CHECK-NEXT: pick() = 2
// CHECK-NEXT: qualified() = 5
// CHECK-NEXT: get_fn()(4) = 8
