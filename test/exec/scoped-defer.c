/* SPDX-License-Identifier: MIT */
// Block-scoped _Defer (ISO/IEC TS 25755) through the plugin, with no
// option: GCC, Clang 19 and 21 get it from the plugin, Clang 22 its own without
// -fdefer-ts.  Each statement runs when its block is left, by any way:
// falling off the end, return, break, continue, goto out; newest first in
// a block, inner blocks first; in a loop body at the end of every
// iteration.  A return computes its value first, structures too.  Beside
// the Go-style defer of the same function, whose blocks run as the
// outermost block ends, before that block's own _Defers.
// GCC 11 wants braces around a _Defer that is the whole body of an if
// (BRACED_BODY; diag/scoped-defer-gcc11.c): the output is the same.
// RUN: %cc -O0 %if gcc-11 %{-DBRACED_BODY%} %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %if gcc-11 %{-DBRACED_BODY%} %s -o %t.O2 && %t.O2 | FileCheck %s
// Under the sanitizers where the compiler has their run time (the braced
// form everywhere, which GCC 11 needs and the others print alike).
// RUN: %if asan %{ %cc -O1 -fsanitize=address,undefined -DBRACED_BODY %s -o %t.san && %t.san | FileCheck %s %}
#include <stdio.h>

// CHECK: struct 22
// CHECK-NEXT: int 1

struct S { int i; int pad[8]; };

static struct S returned_struct(void) {
  struct S s = {22, {0}};
  _Defer s.i += 7;
  return s;
}

static int returned_int(void) {
  int x = 1;
  _Defer x = 100;
  return x;
}

static void blocks(void) {
  _Defer puts("outer 1");
  {
    _Defer puts("inner 1");
    _Defer puts("inner 2");
    puts("in block");
  }
  _Defer puts("outer 2");
  puts("end of body");
}
// CHECK-LABEL: blocks
// CHECK-NEXT: in block
// CHECK-NEXT: inner 2
// CHECK-NEXT: inner 1
// CHECK-NEXT: end of body
// CHECK-NEXT: outer 2
// CHECK-NEXT: outer 1

static void loops(void) {
  for (int i = 0; i < 4; i++) {
    _Defer printf("iteration %d ends\n", i);
    if (i == 1)
      continue;
    if (i == 3)
      break;
    printf("iteration %d\n", i);
  }
  int n = 0;
  while (n < 2) {
    _Defer n++;
    printf("while %d\n", n);
  }
}
// CHECK-LABEL: loops
// CHECK-NEXT: iteration 0
// CHECK-NEXT: iteration 0 ends
// CHECK-NEXT: iteration 1 ends
// CHECK-NEXT: iteration 2
// CHECK-NEXT: iteration 2 ends
// CHECK-NEXT: iteration 3 ends
// CHECK-NEXT: while 0
// CHECK-NEXT: while 1

static int early(int c) {
  _Defer puts("function block");
  {
    _Defer puts("inner block");
    if (c)
      return 1;
    puts("no return");
  }
  return 0;
}
// CHECK-LABEL: early
// CHECK-NEXT: inner block
// CHECK-NEXT: function block
// CHECK-NEXT: returned 1
// CHECK-NEXT: no return
// CHECK-NEXT: inner block
// CHECK-NEXT: function block
// CHECK-NEXT: returned 0

static void gotos(void) {
  int tries = 0;
again:
  {
    _Defer printf("leaving try %d\n", tries);
    if (++tries < 3)
      goto again;
    goto out;
  }
out:
  puts("out");
}
// CHECK-LABEL: gotos
// CHECK-NEXT: leaving try 1
// CHECK-NEXT: leaving try 2
// CHECK-NEXT: leaving try 3
// CHECK-NEXT: out

static void nested_and_immediate(int c) {
  _Defer {
    _Defer puts("inner of the deferred statement");
    for (int i = 0; i < 5; i++)
      if (i == 1)
        break;
    puts("deferred statement");
  }
#ifdef BRACED_BODY
  if (c) {
    _Defer puts("its own block: runs at once");
  }
#else
  if (c)
    _Defer puts("its own block: runs at once");
#endif
  puts("body");
}
// CHECK-LABEL: nested
// CHECK-NEXT: its own block: runs at once
// CHECK-NEXT: body
// CHECK-NEXT: deferred statement
// CHECK-NEXT: inner of the deferred statement
// CHECK-NEXT: statement expression 609
// CHECK-NEXT: switch 11 2

static int statement_expression(void) {
  int x = 5;
  int v = ({ _Defer x = 9; x + 1; });
  return v * 100 + x;
}

static int switches(int k) {
  int r = 0;
  switch (k) {
  case 1: {
    _Defer r += 10;
    r = 1;
    break;
  }
  default:
    r = 2;
  }
  return r;
}

static int mixed(int c) {
  _Defer puts("outermost _Defer");
  defer puts("Go-style defer");
  { _Defer puts("inner _Defer"); if (c) return 1; }
  return 0;
}
// CHECK-LABEL: mixed
// CHECK-NEXT: inner _Defer
// CHECK-NEXT: Go-style defer
// CHECK-NEXT: outermost _Defer
// CHECK-NEXT: returned 1

int main(void) {
  printf("struct %d\n", returned_struct().i);
  printf("int %d\n", returned_int());
  puts("blocks");
  blocks();
  puts("loops");
  loops();
  puts("early");
  printf("returned %d\n", early(1));
  printf("returned %d\n", early(0));
  puts("gotos");
  gotos();
  puts("nested");
  nested_and_immediate(1);
  printf("statement expression %d\n", statement_expression());
  printf("switch %d %d\n", switches(1), switches(0));
  puts("mixed");
  printf("returned %d\n", mixed(1));
  return 0;
}
