/* SPDX-License-Identifier: MIT */
// `defer` written in macros and macro arguments is the statement, wherever
// the expansion puts it where a statement can stand: a macro that is the
// word, one that ends with a deferred call, the first word of a macro's
// argument, after an if, an else, a label.
// RUN: %cc -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>

#define D defer
#define CLEANUP(p) defer free(p)
#define AFTER_SETUP(s) setup(); defer s
#define SAME(a) a
#define WITH(x, y) x; y

static void setup(void) { puts("setup"); }

int main(void) {
  char *p = malloc(3);
  CLEANUP(p);
  D puts("D");
  AFTER_SETUP(puts("after setup"));
  SAME(defer) puts("argument word");
  SAME(defer puts("argument statement"));
  WITH(puts("with"), defer puts("second argument"));
  if (p) defer puts("if");
  else defer puts("else");
label:
  defer puts("label");
  return 0;
}

// CHECK:      setup
// CHECK-NEXT: with
// CHECK-NEXT: label
// CHECK-NEXT: if
// CHECK-NEXT: second argument
// CHECK-NEXT: argument statement
// CHECK-NEXT: argument word
// CHECK-NEXT: after setup
// CHECK-NEXT: D
