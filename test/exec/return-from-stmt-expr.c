/* SPDX-License-Identifier: MIT */
// A return inside a statement expression in the function body is a return
// of the function: it runs the defers registered so far, after its value
// has been computed.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int from_stmt_expr(int c) {
  printf("from_stmt_expr(%d)\n", c);
  int r = 7;
  defer {
    printf("  deferred: r=%d\n", r);
    r = -1;
  }
  int v = ({
    if (c)
      return r;
    3;
  });
  defer puts("  registered after the statement expression");
  return v;
}

int main(void) {
  printf("returned %d\n", from_stmt_expr(1));
  printf("returned %d\n", from_stmt_expr(0));
  return 0;
}

// CHECK:      from_stmt_expr(1)
// CHECK-NEXT:   deferred: r=7
// CHECK-NEXT: returned 7
// CHECK-NEXT: from_stmt_expr(0)
// CHECK-NEXT:   registered after the statement expression
// CHECK-NEXT:   deferred: r=7
// CHECK-NEXT: returned 3
