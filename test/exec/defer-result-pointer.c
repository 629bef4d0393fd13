/* SPDX-License-Identifier: MIT */
// defer_result in a function returning a pointer reads the pointer being
// returned (also a null one) and can replace it.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

static const char *name_of(int i) {
  defer {
    if (!defer_result) {
      printf("  name_of(%d): null replaced\n", i);
      defer_result = "unknown";
    }
  }
  switch (i) {
  case 0:
    return "zero";
  case 1:
    return "one";
  }
  return NULL;
}

static int table[4] = {10, 20, 30, 40};

static int *next_slot(int *p) {
  defer {
    if (defer_result == &table[4])
      defer_result = &table[0];
  }
  return p + 1;
}

int main(void) {
  printf("name_of(0) = %s\n", name_of(0));
  printf("name_of(1) = %s\n", name_of(1));
  printf("name_of(7) = %s\n", name_of(7));
  printf("next_slot(&table[1]) -> %d\n", *next_slot(&table[1]));
  printf("next_slot(&table[3]) -> %d\n", *next_slot(&table[3]));
  return 0;
}

// CHECK:      name_of(0) = zero
// CHECK-NEXT: name_of(1) = one
// CHECK-NEXT:   name_of(7): null replaced
// CHECK-NEXT: name_of(7) = unknown
// CHECK-NEXT: next_slot(&table[1]) -> 30
// CHECK-NEXT: next_slot(&table[3]) -> 10
