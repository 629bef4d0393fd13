/* SPDX-License-Identifier: MIT */
// _Defer beside Go-style defer, in the documented order: a _Defer runs as
// its block is left; the Go-style blocks run as the outermost block ends,
// before that block's own _Defers, which run last, newest first, those
// that control reached (each under a flag set where it stood).  A return
// out of an inner block with a _Defer runs its statement first, then goes
// to the Go-style blocks; one in a loop with records the same.
// REQUIRES: defer-lower
// RUN: %defer-lower %s -- -I%runtime-include > %t.c
// RUN: grep -v -e "^#line" -e "^//" %t.c | FileCheck %s --check-prefix=TEXT
// RUN: %gcc -Wall -Werror -I%runtime-include %t.c -o %t.gcc -L%runtime-libdir -Wl,-rpath,%runtime-libdir -ldefer && %t.gcc | FileCheck %s
// RUN: %clang -Wall -Werror -I%runtime-include %t.c -o %t.clang -L%runtime-libdir -Wl,-rpath,%runtime-libdir -ldefer && %t.clang | FileCheck %s
// RUN: %if tcc %{ tcc -I%runtime-include %t.c -o %t.tcc -L%runtime-libdir -Wl,-rpath,%runtime-libdir -ldefer && %t.tcc | FileCheck %s %}
// RUN: %if scoped-defer %{ %cc %s -o %t.plugin && %t.plugin | FileCheck %s %}

#include <defer.h>
#include <stdio.h>

static int mixed(int c) {
  _Defer puts("outermost _Defer");
  defer puts("Go-style");
  {
    _Defer puts("inner _Defer");
    if (c)
      return 1;
  }
  _Defer puts("not reached by return 1");
  return 0;
}
// TEXT-LABEL: static int mixed(int c) {
// TEXT-SAME:  int __defer_on2 = 0; int __defer_on1 = 0;
// TEXT-NEXT:  __defer_on1 = 1;
// TEXT-NEXT:  __defer_mask |= 0x1ull;
// TEXT:       { __defer_rv = ( 1); __defer_exit1 = 1; goto __defer_run1; }
// TEXT:       } __defer_run1:; {
// TEXT-NEXT:  puts("inner _Defer");
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_exit1 == 1) goto __defer_done;
// TEXT:       __defer_on2 = 1;
// TEXT-NEXT:  { __defer_rv = ( 0); goto __defer_done; }
// TEXT:       __defer_done:;
// TEXT-NEXT:  if (__defer_mask & 0x1ull) {
// TEXT:       puts("Go-style");
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_on2) {
// TEXT-NEXT:  puts("not reached by return 1");
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_on1) {
// TEXT-NEXT:  puts("outermost _Defer");
// TEXT-NEXT:  }
// TEXT-NEXT:  return __defer_rv;

static int loop(int n) {
  for (int i = 0; i < 3; i++) {
    _Defer printf("_Defer %d\n", i);
    defer printf("defer %d\n", i);
    if (i == n)
      return 5;
  }
  return 0;
}
// TEXT-LABEL: static int loop(int n) {
// TEXT:       { __defer_rv = ( 5); __defer_exit1 = 1; goto __defer_run1; }
// TEXT:       } __defer_run1:; {
// TEXT-NEXT:  printf("_Defer %d\n", i);
// TEXT-NEXT:  }
// TEXT-NEXT:  if (__defer_exit1 == 1) goto __defer_done;
// TEXT:       while (__defer_fr.top) {

int main(void) {
  printf("mixed %d\n", mixed(1));
  printf("mixed %d\n", mixed(0));
  printf("loop %d\n", loop(1));
  return 0;
}
// CHECK:      inner _Defer
// CHECK-NEXT: Go-style
// CHECK-NEXT: outermost _Defer
// CHECK-NEXT: mixed 1
// CHECK-NEXT: inner _Defer
// CHECK-NEXT: Go-style
// CHECK-NEXT: not reached by return 1
// CHECK-NEXT: outermost _Defer
// CHECK-NEXT: mixed 0
// CHECK-NEXT: _Defer 0
// CHECK-NEXT: _Defer 1
// CHECK-NEXT: defer 1
// CHECK-NEXT: defer 0
// CHECK-NEXT: loop 5
