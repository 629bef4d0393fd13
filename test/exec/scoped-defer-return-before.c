/* SPDX-License-Identifier: MIT */
// A _Defer of the function's outermost block that control never reached
// does not run: a return before it leaves the function with only the
// _Defers already reached.  Beside a Go-style defer, which makes the
// returns of the function go to one exit at the end of its body, the
// _Defers after that return must stay unreached as well.  (Found by
// tools/fuzz/ts_fuzz.py.)
// REQUIRES: scoped-defer
// RUN: %cc -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static int early(int c) {
  _Defer puts("early: reached");
  if (c)
    return 1;
  defer puts("early: Go-style, after the return");
  _Defer puts("early: after the return");
  return 0;
}

static int in_switch(int c) {
  switch (c) {
  case 0: {
    if (c == 0)
      return 1;
  }
  }
  defer { puts("in_switch: Go-style, not reached"); }
  _Defer { _Defer puts("in_switch: not reached"); }
  return 0;
}

int main(void) {
  printf("early %d\n", early(1));
  printf("in_switch %d\n", in_switch(0));
  printf("early %d\n", early(0));
  return 0;
}
// CHECK: early: reached
// CHECK-NEXT: early 1
// CHECK-NEXT: in_switch 1
// CHECK-NEXT: early: Go-style, after the return
// CHECK-NEXT: early: after the return
// CHECK-NEXT: early: reached
// CHECK-NEXT: early 0
// CHECK-NOT: {{.}}
