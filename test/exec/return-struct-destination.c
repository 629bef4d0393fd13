/* SPDX-License-Identifier: MIT */
// The caller's destination of a large struct result is written after the
// callee's deferred blocks have run: a defer that writes to that destination
// (a global, or a local through a pointer) is overwritten by the value that
// was being returned, never the other way round.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

struct big {
  int v[32];
};

struct big global;
static struct big *target;

__attribute__((noinline)) static struct big make(void) {
  struct big b = {{1, 2}};
  defer {
    global.v[0] = 99;
    if (target)
      target->v[1] = 77;
  }
  return b;
}

int main(void) {
  global = make();
  printf("global: v[0]=%d v[1]=%d\n", global.v[0], global.v[1]);
  struct big local;
  target = &local;
  local = make();
  printf("local: v[0]=%d v[1]=%d\n", local.v[0], local.v[1]);
  return 0;
}

// CHECK:      global: v[0]=1 v[1]=2
// CHECK-NEXT: local: v[0]=1 v[1]=2
