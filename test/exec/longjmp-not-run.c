/* SPDX-License-Identifier: MIT */
// A longjmp that leaves a function abandons its registrations: the deferred
// blocks of the frames it jumps over never run.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;

static void leaf(void) {
  defer puts("leaf: deferred block ran");
  puts("leaf: jumping");
  longjmp(env, 1);
}

static void middle(void) {
  defer puts("middle: deferred block ran");
  leaf();
  puts("middle: not reached");
}

int main(void) {
  if (setjmp(env) == 0) {
    middle();
    puts("main: not reached");
  } else {
    puts("main: caught the jump");
  }
  return 0;
}

// CHECK-NOT:  {{.*}}deferred block ran{{.*}}
// CHECK:      leaf: jumping
// CHECK-NEXT: main: caught the jump
// CHECK-NOT:  {{.*}}deferred block ran{{.*}}
