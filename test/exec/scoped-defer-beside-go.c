/* SPDX-License-Identifier: MIT */
// A return leaves with the _Defers that control reached, and only those,
// also when the function has a Go-style defer, whose lowering makes every
// return go to one exit at the end of the body.  The shapes around the
// return: an inner block, a loop, a switch, a goto, a structure returned,
// defer_result, cleanup variables between the _Defers.  The Go-style
// blocks run as the outermost block ends, before that block's _Defers and
// cleanup variables, which run newest first.
// REQUIRES: scoped-defer
// RUN: %cc -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <defer.h>
#include <stdio.h>

static int nested(int c) {
  defer puts("nested: Go-style");
  _Defer puts("nested: outer");
  {
    _Defer puts("nested: inner");
    if (c)
      return 1;
  }
  _Defer puts("nested: after the block");
  return 0;
}

static int loop(int n) {
  defer puts("loop: Go-style");
  for (int i = 0; i < 3; i++) {
    _Defer printf("loop: iteration %d\n", i);
    if (i == n)
      return i;
  }
  _Defer puts("loop: after the loop");
  return -1;
}

static int in_switch(int c) {
  defer puts("switch: Go-style");
  switch (c) {
  case 0: {
    _Defer puts("switch: case 0");
    return 10;
  }
  case 1:
    break;
  }
  _Defer puts("switch: after the switch");
  return c;
}

static int jump(int c) {
  defer puts("goto: Go-style");
  {
    _Defer puts("goto: inner");
    if (c)
      goto out;
  }
  puts("goto: fell through");
out:
  if (c)
    return 1;
  _Defer puts("goto: after the label");
  return 0;
}

struct S { long v; long pad[7]; };

static struct S structure(int c) {
  struct S s = {1};
  defer s.v = 100;
  if (c)
    return s;
  _Defer { s.v = 200; puts("struct: after the return"); }
  s.v = 3;
  return s;
}

static int result(int c) {
  defer {
    if (defer_result == 1)
      defer_result = 5;
  }
  if (c)
    return 1;
  _Defer puts("result: after the return");
  return 2;
}

static void say(const char **p) { puts(*p); }

static int mixed(int c) {
  defer puts("mixed: Go-style");
  const char *a __attribute__((cleanup(say))) = "mixed: cleanup a";
  _Defer puts("mixed: _Defer b");
  if (c)
    return 1;
  const char *d __attribute__((cleanup(say))) = "mixed: cleanup d";
  _Defer puts("mixed: _Defer e");
  return 0;
}

int main(void) {
  printf("nested %d\n", nested(1));
  printf("nested %d\n", nested(0));
  printf("loop %d\n", loop(1));
  printf("loop %d\n", loop(5));
  printf("switch %d\n", in_switch(0));
  printf("switch %d\n", in_switch(1));
  printf("goto %d\n", jump(1));
  printf("goto %d\n", jump(0));
  printf("struct %ld\n", structure(1).v);
  printf("struct %ld\n", structure(0).v);
  printf("result %d\n", result(1));
  printf("result %d\n", result(0));
  printf("mixed %d\n", mixed(1));
  printf("mixed %d\n", mixed(0));
  return 0;
}
// CHECK: nested: inner
// CHECK-NEXT: nested: Go-style
// CHECK-NEXT: nested: outer
// CHECK-NEXT: nested 1
// CHECK-NEXT: nested: inner
// CHECK-NEXT: nested: Go-style
// CHECK-NEXT: nested: after the block
// CHECK-NEXT: nested: outer
// CHECK-NEXT: nested 0
// CHECK-NEXT: loop: iteration 0
// CHECK-NEXT: loop: iteration 1
// CHECK-NEXT: loop: Go-style
// CHECK-NEXT: loop 1
// CHECK-NEXT: loop: iteration 0
// CHECK-NEXT: loop: iteration 1
// CHECK-NEXT: loop: iteration 2
// CHECK-NEXT: loop: Go-style
// CHECK-NEXT: loop: after the loop
// CHECK-NEXT: loop -1
// CHECK-NEXT: switch: case 0
// CHECK-NEXT: switch: Go-style
// CHECK-NEXT: switch 10
// CHECK-NEXT: switch: Go-style
// CHECK-NEXT: switch: after the switch
// CHECK-NEXT: switch 1
// CHECK-NEXT: goto: inner
// CHECK-NEXT: goto: Go-style
// CHECK-NEXT: goto 1
// CHECK-NEXT: goto: inner
// CHECK-NEXT: goto: fell through
// CHECK-NEXT: goto: Go-style
// CHECK-NEXT: goto: after the label
// CHECK-NEXT: goto 0
// CHECK-NEXT: struct 1
// CHECK-NEXT: struct: after the return
// CHECK-NEXT: struct 3
// CHECK-NEXT: result 5
// CHECK-NEXT: result: after the return
// CHECK-NEXT: result 2
// CHECK-NEXT: mixed: Go-style
// CHECK-NEXT: mixed: _Defer b
// CHECK-NEXT: mixed: cleanup a
// CHECK-NEXT: mixed 1
// CHECK-NEXT: mixed: Go-style
// CHECK-NEXT: mixed: _Defer e
// CHECK-NEXT: mixed: cleanup d
// CHECK-NEXT: mixed: _Defer b
// CHECK-NEXT: mixed: cleanup a
// CHECK-NEXT: mixed 0
// CHECK-NOT: {{.}}
