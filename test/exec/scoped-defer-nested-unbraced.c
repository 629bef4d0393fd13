/* SPDX-License-Identifier: MIT */
// `_Defer _Defer X;`: the inner _Defer is not a statement of a block, so
// it is the whole block of the outer one's statement (as `if (c) _Defer
// X;` is of its if): X runs at once when the outer statement runs, as
// its block is left.  Clang 22 alone does not run X then (at some later
// exits of the blocks around it, or never), and under
// -fexceptions, which the plugin turns on, it crashes on it when X
// calls a function.  (Found by tools/fuzz/ts_fuzz.py --nested.)
// RUN: %cc -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static int n;

static void f(void) {
  _Defer _Defer n += 1;
  _Defer
    _Defer {
      puts("inner");
    }
  puts("body");
}

int main(void) {
  f();
  printf("n %d\n", n);
  return 0;
}
// CHECK: body
// CHECK-NEXT: inner
// CHECK-NEXT: n 1
