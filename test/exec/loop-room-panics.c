/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A pass that panics while a loop without room tests is pushing its
// records (test/exec/loop-room-tests.c): the caller recovers, and every
// record pushed before the panic still runs, newest first, wherever the
// stack stood (the frame's buffer, a block grown before the loop, blocks
// the loop grew itself).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines
// RUN: %cc -O3 %s -o %t.O3 && %t.O3 | FileCheck %s --match-full-lines
// CHECK: ok

#include <defer.h>
#include <stdio.h>

static long next, failures;

__attribute__((noinline)) static void note(long v) {
  if (v != next - 1)
    failures++;
  next = v;
}

/* Panics at pass AT, after its push.  */
__attribute__((noinline)) static void panics_at(long n, long at) {
  for (long i = 0; i < n; i++) {
    defer note(i);
    if (i == at)
      defer_panic("filling");
  }
}

static void recovered(long n, long at) {
  defer {
    const defer_panic_info *p = defer_recover();
    if ((at < n) != (p != NULL) || next != 0)
      failures++;
  }
  next = at < n ? at + 1 : n;
  panics_at(n, at);
}

int main(void) {
  static const long counts[] = {1, 2, 40, 62, 63, 100, 1000, 5000, 100000};
  for (unsigned k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    long n = counts[k];
    recovered(n, 0);
    recovered(n, n / 2);
    recovered(n, n - 1);
    recovered(n, n);
  }
  puts(failures ? "FAILED" : "ok");
  return failures != 0;
}
