/* SPDX-License-Identifier: MIT */
// With -fplugin-arg-defer-no-keyword the plain word `defer` is an ordinary
// identifier again (here a variable), and the reserved spelling __defer
// still works.
// REQUIRES: gcc
// RUN: %cc -fplugin-arg-defer-no-keyword -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -fplugin-arg-defer-no-keyword -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int defer = 3;

static int use_identifier(void) {
  int before = defer;
  __defer printf("__defer block sees defer=%d\n", defer);
  defer = 4;
  return before;
}

int main(void) {
  printf("returned %d\n", use_identifier());
  return 0;
}

// CHECK:      __defer block sees defer=4
// CHECK-NEXT: returned 3
