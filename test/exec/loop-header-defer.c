/* SPDX-License-Identifier: MIT */
// A `defer` in a statement expression of a loop's condition or step runs
// once per evaluation: `while (({ defer X; c; }))` registers every time
// the condition is tested (once more than the body runs), a `for` step
// every time it runs.  Each registration keeps its own copies, and
// another loop `defer` in the same function does not share its storage.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// RUN: %cc -O3 %s -o %t.O3 && %t.O3 | FileCheck %s
// REQUIRES: asan
// RUN: %cc -O1 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.san && %t.san | FileCheck %s
#include <stdio.h>

static int in_condition(int n) {
  int tests = 0;
  while (({ defer printf("cond %d\n", tests); tests++ < n; }))
    ;
  return tests;
}

static void in_step(void) {
  for (int i = 0; i < 3; ({ defer printf("step %d\n", i); i++; }))
    defer printf("body %d\n", i);
}

static void in_do_condition(void) {
  int k = 0;
  do
    defer printf("do body %d\n", k);
  while (({ int seen = k; defer printf("do cond %d\n", seen); ++k < 2; }));
}

int main(void) {
  printf("tested %d times\n", in_condition(3));
  in_step();
  in_do_condition();
  return 0;
}

// The condition's defers read `tests` by reference: 4 when they run.
// CHECK:      cond 4
// CHECK-NEXT: cond 4
// CHECK-NEXT: cond 4
// CHECK-NEXT: cond 4
// CHECK-NEXT: tested 4 times
// CHECK-NEXT: step 2
// CHECK-NEXT: body 2
// CHECK-NEXT: step 1
// CHECK-NEXT: body 1
// CHECK-NEXT: step 0
// CHECK-NEXT: body 0
// CHECK-NEXT: do cond 1
// CHECK-NEXT: do body 2
// CHECK-NEXT: do cond 0
// CHECK-NEXT: do body 2
// CHECK-NOT:  {{.}}
