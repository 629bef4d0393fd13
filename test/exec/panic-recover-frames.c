/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A deferred block recovers the panic that unwinds its function whatever
// the function does to its stack pointer: it calls with an 8 KiB argument
// (GCC pushes it at -O0, and the landing pad pops it again before the
// block runs), it uses alloca, or a VLA, in its outermost block or in an
// inner one whose stack GCC gives back before the blocks run.  Each also
// with a callee that recovers the panic and raises another from its
// block, which the caller then recovers (with the 8 KiB argument, a case
// of Go's own test suite).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines
// RUN: env LIBDEFER_UNWIND=system %t.O0 | FileCheck %s --match-full-lines

#include <alloca.h>
#include <defer.h>
#include <stdio.h>
#include <string.h>

struct big {
  char bytes[8192];
};

// A deferred block of the caller: recovers and says what.
#define RECOVER(who)                                                           \
  defer {                                                                      \
    const defer_panic_info *p = defer_recover();                               \
    printf("%s: recovered %s\n", who, p ? p->message : "nothing");             \
    defer_result = 1;                                                          \
  }

__attribute__((noinline)) static void panics(int n) {
  defer_panicf("panic %d", n);
}

// Recovers its own panic, then panics again from the block.
__attribute__((noinline)) static void panics_twice(int n) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  callee: recovered %s\n", p ? p->message : "nothing");
    defer_panicf("again %d", n);
  }
  defer_panicf("first %d", n);
}

__attribute__((noinline)) static void big_panics(struct big b) {
  panics(b.bytes[0]);
}

__attribute__((noinline)) static void big_panics_twice(struct big b) {
  panics_twice(b.bytes[0]);
}

__attribute__((noinline)) static int big_argument(int twice) {
  RECOVER("big argument");
  struct big b;
  memset(&b, 7, sizeof b);
  if (twice)
    big_panics_twice(b);
  else
    big_panics(b);
  return 0;
}

__attribute__((noinline)) static int with_alloca(int n, int twice) {
  RECOVER("alloca");
  char *p = alloca(n);
  memset(p, 1, n);
  (twice ? panics_twice : panics)(p[n - 1]);
  return 0;
}

__attribute__((noinline)) static int with_vla(int n, int twice) {
  RECOVER("vla");
  char v[n];
  memset(v, 2, n);
  (twice ? panics_twice : panics)(v[n - 1]);
  return 0;
}

__attribute__((noinline)) static int with_inner_vla(int n, int twice) {
  RECOVER("inner vla");
  {
    char v[n];
    memset(v, 3, n);
    (twice ? panics_twice : panics)(v[n - 1]);
  }
  return 0;
}

int main(int argc, char **argv) {
  (void)argv;
  int n = 1000 + argc;
  for (int twice = 0; twice < 2; twice++) {
    printf("returned %d\n", big_argument(twice));
    printf("returned %d\n", with_alloca(n, twice));
    printf("returned %d\n", with_vla(n, twice));
    printf("returned %d\n", with_inner_vla(n, twice));
  }
  return 0;
}

// CHECK:      big argument: recovered panic 7
// CHECK-NEXT: returned 1
// CHECK-NEXT: alloca: recovered panic 1
// CHECK-NEXT: returned 1
// CHECK-NEXT: vla: recovered panic 2
// CHECK-NEXT: returned 1
// CHECK-NEXT: inner vla: recovered panic 3
// CHECK-NEXT: returned 1
// CHECK-NEXT:   callee: recovered first 7
// CHECK-NEXT: big argument: recovered again 7
// CHECK-NEXT: returned 1
// CHECK-NEXT:   callee: recovered first 1
// CHECK-NEXT: alloca: recovered again 1
// CHECK-NEXT: returned 1
// CHECK-NEXT:   callee: recovered first 2
// CHECK-NEXT: vla: recovered again 2
// CHECK-NEXT: returned 1
// CHECK-NEXT:   callee: recovered first 3
// CHECK-NEXT: inner vla: recovered again 3
// CHECK-NEXT: returned 1
