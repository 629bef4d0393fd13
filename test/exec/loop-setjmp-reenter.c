/* SPDX-License-Identifier: MIT */
// A function that calls setjmp: a longjmp back into it re-executes a defer,
// which registers again; the registrations made before each longjmp survive
// it, and all of them run once each at return, newest first. The callee
// that a longjmp leaves never runs its deferred block.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int ran;

static void callee(int attempt) {
  defer printf("  callee(%d): deferred\n", attempt);
  if (attempt < 3)
    longjmp(env, attempt);
}

static int retry(void) {
  volatile int attempt = 0;
  defer puts("  retry: registered before setjmp");
  if (setjmp(env) != 0)
    puts("  retry: back from longjmp");
  attempt++;
  defer printf("  retry: deferred block run %d (attempt is %d)\n", ++ran, attempt);
  callee(attempt);
  return attempt;
}

static int in_loop(void) {
  volatile int passes = 0;
  for (int i = 0; i < 2; i++)
    defer printf("  in_loop: i=%d passes=%d\n", i, passes);
  if (setjmp(env) < 2) {
    passes++;
    for (int k = 0; k < 2; k++)
      defer printf("  in_loop: pass k=%d\n", k);
    if (passes < 3)
      longjmp(env, 1);
  }
  return passes;
}

int main(void) {
  puts("retry");
  printf("returned %d\n", retry());
  puts("in_loop");
  printf("returned %d\n", in_loop());
  return 0;
}

// CHECK-NOT:  {{.*}}callee({{[12]}}){{.*}}
// CHECK:      retry
// CHECK-NEXT:   retry: back from longjmp
// CHECK-NEXT:   retry: back from longjmp
// CHECK-NEXT:   callee(3): deferred
// CHECK-NEXT:   retry: deferred block run 1 (attempt is 3)
// CHECK-NEXT:   retry: deferred block run 2 (attempt is 3)
// CHECK-NEXT:   retry: deferred block run 3 (attempt is 3)
// CHECK-NEXT:   retry: registered before setjmp
// CHECK-NEXT: returned 3
// CHECK-NEXT: in_loop
// CHECK-NEXT:   in_loop: pass k=1
// CHECK-NEXT:   in_loop: pass k=0
// CHECK-NEXT:   in_loop: pass k=1
// CHECK-NEXT:   in_loop: pass k=0
// CHECK-NEXT:   in_loop: pass k=1
// CHECK-NEXT:   in_loop: pass k=0
// CHECK-NEXT:   in_loop: i=1 passes=3
// CHECK-NEXT:   in_loop: i=0 passes=3
// CHECK-NEXT: returned 3
// CHECK-NOT:  {{.*}}callee({{[12]}}){{.*}}
