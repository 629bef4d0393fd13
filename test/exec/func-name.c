/* SPDX-License-Identifier: MIT */
// A deferred block is compiled in the scope of its function: __func__ in the
// block names that function.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void some_function(void) {
  defer printf("deferred in %s\n", __func__);
}

int main(void) {
  some_function();
  return 0;
}

// CHECK: deferred in some_function
