/* SPDX-License-Identifier: MIT */
// Block-scoped _Defer as plain C: the rest of its block moves into braces
// of its own; each jump out of them notes its way out (a number) and goes
// to the statement, written once after them, which then leaves the same
// way (break and continue still bind to the loop: no switch).  A return
// stores its value first; a jump out of two blocks runs both statements,
// innermost first; a _Defer that is the whole body of an if runs at once;
// a statement expression keeps its value.  The lowered file builds
// without the plugin, warning-free, and behaves as the plugin's build.
// REQUIRES: defer-lower
// RUN: %defer-lower %s -- -I%runtime-include > %t.c
// RUN: grep -v -e "^#line" -e "^//" %t.c | FileCheck %s --check-prefix=TEXT
// RUN: %gcc -Wall -Werror -I%runtime-include %t.c -o %t.gcc && %t.gcc | FileCheck %s
// RUN: %clang -Wall -Werror -I%runtime-include %t.c -o %t.clang && %t.clang | FileCheck %s
// RUN: %if tcc %{ tcc -I%runtime-include %t.c -o %t.tcc && %t.tcc | FileCheck %s %}
// RUN: %if scoped-defer %{ %cc %s -o %t.plugin && %t.plugin | FileCheck %s %}

#include <stdio.h>

static int loop(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) {
    _Defer printf("end of %d\n", i);
    if (i == 1)
      continue;
    if (i == 3)
      break;
    sum += i;
  }
  return sum;
}
// TEXT-LABEL: static int loop(int n) {
// TEXT:       for (int i = 0; i < n; i++) {
// TEXT-NEXT:  { int __defer_exit1 = 0; {
// TEXT-NEXT:  if (i == 1)
// TEXT-NEXT:  { __defer_exit1 = 1; goto __defer_run1; }
// TEXT-NEXT:  if (i == 3)
// TEXT-NEXT:  { __defer_exit1 = 2; goto __defer_run1; }
// TEXT-NEXT:  sum += i;
// TEXT:       } __defer_run1:; {
// TEXT-NEXT:  printf("end of %d\n", i);
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_exit1 == 1) continue;
// TEXT-NEXT:  if (__defer_exit1 == 2) break;
// TEXT-NEXT:  }
// TEXT-NEXT:  }
// TEXT-NEXT:  return sum;

struct S { int i; int pad[8]; };

static struct S value(int c) {
  struct S s = {1, {0}};
  _Defer s.i = 100;
  if (c)
    return s;
  s.i = 2;
  return s;
}
// The rest ends in a return: nothing falls into the statement, and both
// ways out go on alike, so no number is noted.
// TEXT-LABEL: static struct S value(int c) { struct S __defer_rv;
// TEXT:       { {
// TEXT-NEXT:  if (c)
// TEXT-NEXT:  { __defer_rv = ( s); goto __defer_run1; }
// TEXT-NEXT:  s.i = 2;
// TEXT-NEXT:  { __defer_rv = ( s); goto __defer_run1; }
// TEXT:       } __defer_run1:; {
// TEXT-NEXT:  s.i = 100;
// TEXT-NEXT:  }
// TEXT-NEXT:  return __defer_rv;

static int nested(int c) {
  _Defer puts("outer");
  {
    _Defer puts("inner");
    if (c)
      return 1;
    puts("no return");
  }
  return 0;
}
// TEXT-LABEL: static int nested(int c) { int __defer_rv;
// TEXT:       { __defer_rv = ( 1); __defer_exit2 = 1; goto __defer_run2; }
// TEXT:       } __defer_run2:; {
// TEXT-NEXT:  puts("inner");
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_exit2 == 1) { goto __defer_run1; }
// TEXT:       { __defer_rv = ( 0); goto __defer_run1; }
// TEXT:       } __defer_run1:; {
// TEXT-NEXT:  puts("outer");
// TEXT-NEXT:  }
// TEXT-NEXT:  return __defer_rv;

static void at_once(int c) {
  if (c)
    _Defer puts("at once");
  int v = ({ _Defer c = 9; c + 1; });
  printf("value %d, c %d\n", v, c);
}
// TEXT-LABEL: static void at_once(int c) { int __defer_value1;
// TEXT-NEXT:  if (c)
// TEXT-NEXT:  puts("at once");
// TEXT-NEXT:  int v = ({ { __defer_value1 = (c + 1);
// TEXT:       } {
// TEXT-NEXT:  c = 9;
// TEXT-NEXT:  }
// TEXT-NEXT:  __defer_value1;

static int gotos(void) {
  int tries = 0;
again:
  {
    _Defer printf("leaving try %d\n", tries);
    if (++tries < 3)
      goto again;
  }
  return tries;
}
// TEXT-LABEL: static int gotos(void) {
// TEXT:       { int __defer_exit1 = 0; {
// TEXT-NEXT:  if (++tries < 3)
// TEXT-NEXT:  { __defer_exit1 = 1; goto __defer_run1; }
// TEXT:       } __defer_run1:; {
// TEXT-NEXT:  printf("leaving try %d\n", tries);
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_exit1 == 1) goto again;
// TEXT-NOT:   _Defer

int main(void) {
  printf("loop %d\n", loop(5));
  printf("value %d %d\n", value(1).i, value(0).i);
  printf("nested %d\n", nested(1));
  printf("nested %d\n", nested(0));
  at_once(1);
  printf("gotos %d\n", gotos());
  return 0;
}
// CHECK:      end of 0
// CHECK-NEXT: end of 1
// CHECK-NEXT: end of 2
// CHECK-NEXT: end of 3
// CHECK-NEXT: loop 2
// CHECK-NEXT: value 1 2
// CHECK-NEXT: inner
// CHECK-NEXT: outer
// CHECK-NEXT: nested 1
// CHECK-NEXT: no return
// CHECK-NEXT: inner
// CHECK-NEXT: outer
// CHECK-NEXT: nested 0
// CHECK-NEXT: at once
// CHECK-NEXT: value 2, c 9
// CHECK-NEXT: leaving try 1
// CHECK-NEXT: leaving try 2
// CHECK-NEXT: leaving try 3
// CHECK-NEXT: gotos 3
