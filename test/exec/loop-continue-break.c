/* SPDX-License-Identifier: MIT */
// continue and break in a loop body around defers: an iteration that leaves
// before a defer does not register it, one that leaves after it has
// registered, and break ends the registrations of that loop only.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void in_for(int n) {
  printf("in_for(%d)\n", n);
  for (int i = 0; i < n; i++) {
    if (i % 3 == 1)
      continue;
    defer printf("  a%d\n", i);
    if (i == 5)
      break;
    if (i % 2 == 0)
      continue;
    defer printf("  b%d\n", i);
  }
  puts("  body done");
}

static void in_while(void) {
  puts("in_while");
  int i = 0;
  while (1) {
    int now = i++;
    if (now == 1)
      continue;
    defer printf("  now=%d\n", now);
    if (now >= 3)
      break;
  }
  puts("  body done");
}

static void in_do(int n) {
  printf("in_do(%d)\n", n);
  int i = 0;
  do {
    int now = i;
    i++;
    if (now % 2)
      continue;
    defer printf("  now=%d\n", now);
  } while (i < n);
  puts("  body done");
}

static void nested_break(void) {
  puts("nested_break");
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) {
      if (j > i)
        break;
      defer printf("  i=%d j=%d\n", i, j);
      if (i == 1)
        continue;
    }
    if (i == 1)
      continue;
    defer printf("  after inner, i=%d\n", i);
  }
  puts("  body done");
}

int main(void) {
  in_for(10);
  in_while();
  in_do(5);
  nested_break();
  return 0;
}

// CHECK:      in_for(10)
// CHECK-NEXT:   body done
// CHECK-NEXT:   a5
// CHECK-NEXT:   b3
// CHECK-NEXT:   a3
// CHECK-NEXT:   a2
// CHECK-NEXT:   a0
// CHECK-NEXT: in_while
// CHECK-NEXT:   body done
// CHECK-NEXT:   now=3
// CHECK-NEXT:   now=2
// CHECK-NEXT:   now=0
// CHECK-NEXT: in_do(5)
// CHECK-NEXT:   body done
// CHECK-NEXT:   now=4
// CHECK-NEXT:   now=2
// CHECK-NEXT:   now=0
// CHECK-NEXT: nested_break
// CHECK-NEXT:   body done
// CHECK-NEXT:   after inner, i=2
// CHECK-NEXT:   i=2 j=2
// CHECK-NEXT:   i=2 j=1
// CHECK-NEXT:   i=2 j=0
// CHECK-NEXT:   i=1 j=1
// CHECK-NEXT:   i=1 j=0
// CHECK-NEXT:   after inner, i=0
// CHECK-NEXT:   i=0 j=0
