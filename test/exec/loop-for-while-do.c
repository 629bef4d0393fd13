/* SPDX-License-Identifier: MIT */
// A defer in a for, while or do loop registers once per execution and the
// registrations run newest first at return. A variable declared in the for
// init or in the loop body is copied when the defer registers; one declared
// before the loop (or a parameter) is by reference and shows its value at
// return.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void in_for(void) {
  puts("in_for");
  for (int i = 0; i < 3; i++)
    defer printf("  for: i=%d\n", i);
  puts("  body done");
}

static void in_while(int n) {
  printf("in_while(%d)\n", n);
  int k = 0;
  while (k < n) {
    int sq = k * k;
    defer printf("  while: k=%d sq=%d\n", k, sq);
    k++;
  }
  puts("  body done");
}

static void in_do(int n) {
  printf("in_do(%d)\n", n);
  do {
    int v = n;
    defer printf("  do: v=%d\n", v);
  } while (--n > 0);
  printf("  body done, n=%d\n", n);
}

static void while_param(int n) {
  printf("while_param(%d)\n", n);
  while (n-- > 0)
    defer printf("  while_param: n=%d\n", n);
  puts("  body done");
}

static int in_for_return(int n) {
  printf("in_for_return(%d)\n", n);
  int total = 0;
  for (int i = 1; i <= n; i++) {
    total += i;
    defer printf("  i=%d total=%d\n", i, total);
  }
  return total;
}

int main(void) {
  in_for();
  in_while(3);
  in_do(3);
  in_do(0);
  while_param(2);
  printf("returned %d\n", in_for_return(4));
  return 0;
}

// CHECK:      in_for
// CHECK-NEXT:   body done
// CHECK-NEXT:   for: i=2
// CHECK-NEXT:   for: i=1
// CHECK-NEXT:   for: i=0
// CHECK-NEXT: in_while(3)
// CHECK-NEXT:   body done
// CHECK-NEXT:   while: k=3 sq=4
// CHECK-NEXT:   while: k=3 sq=1
// CHECK-NEXT:   while: k=3 sq=0
// CHECK-NEXT: in_do(3)
// CHECK-NEXT:   body done, n=0
// CHECK-NEXT:   do: v=1
// CHECK-NEXT:   do: v=2
// CHECK-NEXT:   do: v=3
// CHECK-NEXT: in_do(0)
// CHECK-NEXT:   body done, n=-1
// CHECK-NEXT:   do: v=0
// CHECK-NEXT: while_param(2)
// CHECK-NEXT:   body done
// CHECK-NEXT:   while_param: n=-1
// CHECK-NEXT:   while_param: n=-1
// CHECK-NEXT: in_for_return(4)
// CHECK-NEXT:   i=4 total=10
// CHECK-NEXT:   i=3 total=10
// CHECK-NEXT:   i=2 total=10
// CHECK-NEXT:   i=1 total=10
// CHECK-NEXT: returned 10
