/* SPDX-License-Identifier: MIT */
// In a void function the defers run at every `return;`, after a `return`
// of a void call (the call runs first), and when control falls off the end
// of the body: with every defer in the outermost block, with one in an inner
// block (a mask), and with one in a loop (records).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void tail(void) { puts("  tail() runs"); }

static void proc(int how) {
  printf("proc(%d)\n", how);
  defer puts("  defer 1");
  if (how == 0)
    return;
  defer puts("  defer 2");
  if (how == 1) {
    puts("  return in the middle");
    return;
  }
  if (how == 2)
    return tail();
  defer puts("  defer 3");
  puts("  falling off the end");
}

static void nested(int how) {
  printf("nested(%d)\n", how);
  if (how) {
    defer puts("  inner defer");
  }
  if (how == 1)
    return tail();
  puts("  falling off the end");
}

static void looped(int how) {
  printf("looped(%d)\n", how);
  for (int i = 0; i < how; i++)
    defer printf("  loop defer %d\n", i);
  if (how == 2)
    return tail();
}

int main(void) {
  proc(0);
  proc(1);
  proc(2);
  proc(3);
  nested(0);
  nested(1);
  looped(1);
  looped(2);
  return 0;
}

// CHECK:      proc(0)
// CHECK-NEXT:   defer 1
// CHECK-NEXT: proc(1)
// CHECK-NEXT:   return in the middle
// CHECK-NEXT:   defer 2
// CHECK-NEXT:   defer 1
// CHECK-NEXT: proc(2)
// CHECK-NEXT:   tail() runs
// CHECK-NEXT:   defer 2
// CHECK-NEXT:   defer 1
// CHECK-NEXT: proc(3)
// CHECK-NEXT:   falling off the end
// CHECK-NEXT:   defer 3
// CHECK-NEXT:   defer 2
// CHECK-NEXT:   defer 1
// CHECK-NEXT: nested(0)
// CHECK-NEXT:   falling off the end
// CHECK-NEXT: nested(1)
// CHECK-NEXT:   tail() runs
// CHECK-NEXT:   inner defer
// CHECK-NEXT: looped(1)
// CHECK-NEXT:   loop defer 0
// CHECK-NEXT: looped(2)
// CHECK-NEXT:   tail() runs
// CHECK-NEXT:   loop defer 1
// CHECK-NEXT:   loop defer 0
