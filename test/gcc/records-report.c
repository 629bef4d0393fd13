/* SPDX-License-Identifier: MIT */
// -fplugin-arg-defer-report on functions lowered with run-time records: each
// site's note says why the function needs records (naming the site that
// forces them when it is another one), where the site's records live (one
// record in the frame for a site that runs at most once, an array in the
// frame when constant loop bounds limit the count, the per-thread pool
// (after a small buffer in the frame, except where a longjmp may come back)
// otherwise) and which variables each registration copies.
// REQUIRES: gcc
// RUN: %cc -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=note: --implicit-check-not=warning: --implicit-check-not=error:

#include <setjmp.h>

extern void use(int);

void frame_and_array(void) {
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: the 'defer' at line [[@LINE+4]] is inside a loop and may run many times per call; its {{[0-9]+}}-byte record lives in the frame (it runs at most once){{$}}
  defer use(0);
  for (int i = 0; i < 3; i++) {
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: this 'defer' is inside a loop and may run many times per call; its {{[0-9]+}}-byte records live in the frame (at most 3, a bound its loop counters prove); copies 'i' when it registers{{$}}
    defer use(i);
    for (int j = 0; j < 2; j++)
      // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: the 'defer' at line [[@LINE-2]] is inside a loop and may run many times per call; its {{[0-9]+}}-byte records live in the frame (at most 6, a bound its loop counters prove); copies 'i', 'j' when it registers{{$}}
      defer use(i + j);
  }
}

void unbounded(int n) {
  for (int i = 0; i < n; i++)
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: this 'defer' is inside a loop and may run many times per call; its {{[0-9]+}}-byte records come from a 256-byte buffer in the frame, then from the per-thread pool (no bound on how many); copies 'i' when it registers{{$}}
    defer use(i);
  int k = 0;
  while (k < 3) {
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: the 'defer' at line [[@LINE-3]] is inside a loop and may run many times per call; its {{[0-9]+}}-byte records come from a 256-byte buffer in the frame, then from the per-thread pool (no bound on how many){{$}}
    defer use(k);
    k++;
  }
}

void too_many(void) {
  for (int i = 0; i < 100000; i++)
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: this 'defer' is inside a loop and may run many times per call; its {{[0-9]+}}-byte records come from a 256-byte buffer in the frame, then from the per-thread pool (too many for the frame); copies 'i' when it registers{{$}}
    defer use(i);
}

// A backward goto that cannot enter the loop again leaves its bound alone
// (test/diag/loop-bounds.c has the cases that break it).
void bounded_despite_backward_goto(int n) {
  for (int i = 0; i < 4; i++)
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: this 'defer' is inside a loop and may run many times per call; its {{[0-9]+}}-byte records live in the frame (at most 4, a bound its loop counters prove); copies 'i' when it registers{{$}}
    defer use(i);
again:
  if (n-- > 0)
    goto again;
}

void goto_cycle(int n) {
  int before = n;
again:;
  int inside = n * 2;
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: this 'defer' is inside a cycle made by a backward 'goto'; its {{[0-9]+}}-byte records come from a 256-byte buffer in the frame, then from the per-thread pool (no bound on how many); copies 'inside' when it registers{{$}}
  defer use(inside + before);
  if (--n > 0)
    goto again;
}

void computed_goto(int n) {
  void *target = n ? &&one : &&two;
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: 'computed_goto' uses a computed 'goto'; its {{[0-9]+}}-byte records come from a 256-byte buffer in the frame, then from the per-thread pool (a computed goto may re-run it){{$}}
  defer use(n);
  goto *target;
one:
  use(1);
two:
  use(2);
}

static jmp_buf env;

int calls_setjmp(void) {
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' uses run-time records: 'calls_setjmp' calls 'setjmp'; its {{[0-9]+}}-byte records come from the per-thread pool (a longjmp may re-run it){{$}}
  defer use(0);
  if (setjmp(env))
    return 1;
  return 0;
}

void open_coded_still(int x) {
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: 'defer' is open-coded as a cleanup where it stands: every 'defer' in 'open_coded_still' runs at most once per call, and stands in its outermost block{{$}}
  defer use(x);
}
