/* SPDX-License-Identifier: MIT */
// A function that uses a computed goto (`goto *p` with `&&label`): a defer
// that the jumps execute several times registers each time, and all
// registrations run newest first at return, after the return value is
// computed. Here a tiny interpreter registers an undo step per instruction.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

enum { ADD, TWICE, END };

static int run(const unsigned char *prog) {
  static void *const ops[] = {&&op_add, &&op_twice, &&op_end};
  int pc = 0;
  int acc = 0;
  goto *ops[prog[pc]];
op_add:
  acc += 10;
  defer {
    acc -= 10;
    printf("  undo add: acc=%d\n", acc);
  }
  goto *ops[prog[++pc]];
op_twice:
  for (int i = 0; i < 2; i++)
    defer printf("  twice: i=%d pc=%d\n", i, pc);
  goto *ops[prog[++pc]];
op_end:
  printf("  end at pc=%d\n", pc);
  return acc;
}

static int jump_table(int n) {
  void *next = &&step;
  int steps = 0;
step:
  defer printf("  step block, steps=%d\n", steps);
  if (++steps >= n)
    next = &&done;
  goto *next;
done:
  return steps;
}

int main(void) {
  static const unsigned char p1[] = {ADD, TWICE, ADD, END};
  static const unsigned char p2[] = {END};
  puts("run(p1)");
  printf("returned %d\n", run(p1));
  puts("run(p2)");
  printf("returned %d\n", run(p2));
  puts("jump_table(3)");
  printf("returned %d\n", jump_table(3));
  return 0;
}

// CHECK:      run(p1)
// CHECK-NEXT:   end at pc=3
// CHECK-NEXT:   undo add: acc=10
// CHECK-NEXT:   twice: i=1 pc=3
// CHECK-NEXT:   twice: i=0 pc=3
// CHECK-NEXT:   undo add: acc=0
// CHECK-NEXT: returned 20
// CHECK-NEXT: run(p2)
// CHECK-NEXT:   end at pc=0
// CHECK-NEXT: returned 0
// CHECK-NEXT: jump_table(3)
// CHECK-NEXT:   step block, steps=3
// CHECK-NEXT:   step block, steps=3
// CHECK-NEXT:   step block, steps=3
// CHECK-NEXT: returned 3
