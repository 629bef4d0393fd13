/* SPDX-License-Identifier: MIT */
// The deferred block may itself be a while, for, do or switch statement (no
// braces around it); break and continue in it belong to that statement.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void bodies(int n) {
  printf("bodies(%d)\n", n);
  int i = n;
  defer while (i-- > 0) {
    if (i == 1)
      break;
    printf("  while: i=%d\n", i);
  }
  defer for (int k = 0; k < n; k++) {
    if (k == 0)
      continue;
    printf("  for: k=%d\n", k);
  }
  defer switch (n) {
  case 3:
    puts("  switch: case 3");
    break;
  default:
    puts("  switch: default");
  }
  defer do
    printf("  do: n=%d\n", n);
  while (0);
}

int main(void) {
  bodies(3);
  bodies(1);
  return 0;
}

// CHECK:      bodies(3)
// CHECK-NEXT:   do: n=3
// CHECK-NEXT:   switch: case 3
// CHECK-NEXT:   for: k=1
// CHECK-NEXT:   for: k=2
// CHECK-NEXT:   while: i=2
// CHECK-NEXT: bodies(1)
// CHECK-NEXT:   do: n=1
// CHECK-NEXT:   switch: default
// CHECK-NEXT:   while: i=0
