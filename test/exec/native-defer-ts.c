/* SPDX-License-Identifier: MIT */
// Clang's own block-scoped _Defer (-fdefer-ts) next to the plugin's
// function-scoped __defer: each _Defer still runs as its block is left,
// also when the block declares nothing and when a return leaves it; a
// _Defer of the function's outermost block runs as that block's cleanups
// do, after the deferred blocks of __defer.
// REQUIRES: native-defer-ts
// RUN: %cc -fdefer-ts -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -fdefer-ts -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static void only_native(void) {
  { _Defer puts("block one"); puts("in block one"); }
  puts("after block one");
}

static void both(void) {
  __defer puts("function");
  { _Defer puts("block two"); puts("in block two"); }
  for (int i = 0; i < 2; i++) { _Defer printf("iteration %d\n", i); }
  puts("body ends");
}

static int returns(int c) {
  _Defer puts("outermost _Defer");
  __defer puts("__defer");
  { _Defer puts("inner _Defer"); if (c) return 1; }
  return 0;
}

static int loop(int n) {
  for (int i = 0; i < n; i++) {
    _Defer printf("_Defer %d\n", i);
    __defer printf("__defer %d\n", i);
    if (i == 1)
      return 5;
  }
  return 0;
}

int main(void) {
  only_native();
  both();
  printf("returned %d\n", returns(1));
  printf("returned %d\n", returns(0));
  printf("returned %d\n", loop(3));
  return 0;
}

// CHECK:      in block one
// CHECK-NEXT: block one
// CHECK-NEXT: after block one
// CHECK-NEXT: in block two
// CHECK-NEXT: block two
// CHECK-NEXT: iteration 0
// CHECK-NEXT: iteration 1
// CHECK-NEXT: body ends
// CHECK-NEXT: function
// CHECK-NEXT: inner _Defer
// CHECK-NEXT: __defer
// CHECK-NEXT: outermost _Defer
// CHECK-NEXT: returned 1
// CHECK-NEXT: inner _Defer
// CHECK-NEXT: __defer
// CHECK-NEXT: outermost _Defer
// CHECK-NEXT: returned 0
// CHECK-NEXT: _Defer 0
// CHECK-NEXT: _Defer 1
// CHECK-NEXT: __defer 1
// CHECK-NEXT: __defer 0
// CHECK-NEXT: returned 5
