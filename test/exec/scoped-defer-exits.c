/* SPDX-License-Identifier: MIT */
// Every way out of a block with a pending _Defer runs its statement once,
// then goes where it was going: a return from inside a
// statement expression, a break out of a switch and a continue of the
// loop around it, a _Defer behind a label or a case label, a statement
// expression whose value a _Defer changes afterwards, a structure that a
// _Defer changes after it is returned, and deferred statements that must
// stay one copy (a label, a variable length array) or that have locals
// of their own.  Written against the TS's rules; Clang 19 and 21 get these
// from the plugin's own lowering, GCC from its cleanups.
// RUN: %cc -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

struct big { int v[6]; };

static int from_expression(int c) {
  {
    _Defer puts("from_expression: block");
    int v = ({
      if (c)
        return 7;
      3;
    });
    return v;
  }
}

static void switch_in_loop(void) {
  for (int i = 0; i < 4; i++) {
    _Defer printf("switch_in_loop: end of pass %d\n", i);
    switch (i) {
    case 0: {
      _Defer puts("switch_in_loop: case 0 block");
      break;
    }
    case 1:
      continue;
    default:
      if (i == 3)
        goto done;
    }
    printf("switch_in_loop: after switch %d\n", i);
  }
done:
  puts("switch_in_loop: done");
}

static int labelled(int k) {
  int r = 0;
  switch (k) {
  case 1: {
  again:
    _Defer r += 10;
    if (r < 20)
      goto again;
    break;
  }
  default:;
  }
  return r;
}

static int expression_value(void) {
  int x = 1;
  int got = ({
    _Defer x = 5;
    x;
  });
  return got * 100 + x;
}

static struct big changed_after_return(void) {
  struct big b = {{1, 2, 3, 4, 5, 6}};
  _Defer b.v[0] = 99;
  return b;
}

static void one_copy(int n) {
  {
    _Defer {
      int i = 0;
    count:
      if (i < n) {
        i++;
        goto count;
      }
      char vla[i + 1];
      vla[i] = 'x';
      printf("one_copy: counted %d, %c\n", i, vla[i]);
    }
    if (n == 2)
      return;
    puts("one_copy: fell off");
  }
}

static int locals(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) {
    _Defer {
      int twice = 2 * i;
      struct big b = {{twice}};
      sum += b.v[0];
    }
    if (i == 1)
      continue;
    sum += 1000;
  }
  return sum;
}

int main(void) {
  printf("from_expression: %d %d\n", from_expression(1), from_expression(0));
  switch_in_loop();
  printf("labelled: %d\n", labelled(1));
  printf("expression_value: %d\n", expression_value());
  printf("changed_after_return: %d\n", changed_after_return().v[0]);
  one_copy(2);
  one_copy(3);
  printf("locals: %d\n", locals(3));
  return 0;
}
// CHECK: from_expression: block
// CHECK-NEXT: from_expression: block
// CHECK-NEXT: from_expression: 7 3
// CHECK-NEXT: switch_in_loop: case 0 block
// CHECK-NEXT: switch_in_loop: after switch 0
// CHECK-NEXT: switch_in_loop: end of pass 0
// CHECK-NEXT: switch_in_loop: end of pass 1
// CHECK-NEXT: switch_in_loop: after switch 2
// CHECK-NEXT: switch_in_loop: end of pass 2
// CHECK-NEXT: switch_in_loop: end of pass 3
// CHECK-NEXT: switch_in_loop: done
// CHECK-NEXT: labelled: 30
// CHECK-NEXT: expression_value: 105
// CHECK-NEXT: changed_after_return: 1
// CHECK-NEXT: one_copy: counted 2, x
// CHECK-NEXT: one_copy: fell off
// CHECK-NEXT: one_copy: counted 3, x
// CHECK-NEXT: locals: 2006
