/* SPDX-License-Identifier: MIT */
// A defer inside a GNU statement expression belongs to the enclosing
// function: it runs at the function's return, not when the statement
// expression ends; a variable declared there stays alive for it, and a
// statement expression evaluated conditionally registers conditionally.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int in_stmt_expr(int c) {
  printf("in_stmt_expr(%d)\n", c);
  int v = ({
    defer puts("  deferred from statement expression 1");
    puts("  inside statement expression 1");
    5;
  });
  printf("  statement expression 1 gave %d\n", v);
  int w = ({
    int t = 7;
    defer printf("  deferred from statement expression 2: t=%d\n", t);
    t * 2;
  });
  printf("  statement expression 2 gave %d\n", w);
  int u = c ? ({
    defer puts("  deferred from the taken branch");
    1;
  })
            : 0;
  puts("  end of function");
  return v + w + u;
}

int main(void) {
  printf("returned %d\n", in_stmt_expr(1));
  printf("returned %d\n", in_stmt_expr(0));
  return 0;
}

// CHECK:      in_stmt_expr(1)
// CHECK-NEXT:   inside statement expression 1
// CHECK-NEXT:   statement expression 1 gave 5
// CHECK-NEXT:   statement expression 2 gave 14
// CHECK-NEXT:   end of function
// CHECK-NEXT:   deferred from the taken branch
// CHECK-NEXT:   deferred from statement expression 2: t=7
// CHECK-NEXT:   deferred from statement expression 1
// CHECK-NEXT: returned 20
// CHECK-NEXT: in_stmt_expr(0)
// CHECK-NEXT:   inside statement expression 1
// CHECK-NEXT:   statement expression 1 gave 5
// CHECK-NEXT:   statement expression 2 gave 14
// CHECK-NEXT:   end of function
// CHECK-NEXT:   deferred from statement expression 2: t=7
// CHECK-NEXT:   deferred from statement expression 1
// CHECK-NEXT: returned 19
