/* SPDX-License-Identifier: MIT */
// GCC's EH cleanup (tree-eh.cc's unsplit_eh) merges a landing pad that
// holds nothing into the block after it and propagates the landing pad's
// PHIs by hand, which is right only for SSA names.  A _Defer whose
// statement begins with a loop makes such a landing pad, and at -O2 SRA
// makes a PHI of it whose one argument is a constant: r.a, still 0 when
// the call before the second _Defer unwinds.  GCC then left statements
// with stale operands (-fchecking: "excess use operand for statement")
// and crashed in dce.  The plugin propagates those PHIs itself before the
// cleanup.  Reduced from scoped-defer-fuzz-237.c.
// REQUIRES: scoped-defer
// RUN: %cc -O2 %if gcc %{-fchecking%} %s -o %t && %t | FileCheck %s
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
#include <stdio.h>

struct R { long a; long pad[7]; };

__attribute__((noinline)) static void note(void) { puts("note"); }

static struct R callee(long x) {
  struct R r = {0};
  if (x & 8)
    printf("callee %ld\n", r.a);
  return r;
}

static struct R f(long x) {
  struct R r = {0};
  _Defer {
    for (int i = 0; i < 1; i++)
      if (x & 32)
        printf("f r.a=%ld\n", r.a);
  }
  long acc = callee(x >> 1).a;
  _Defer {
    for (int j = 0; j < 1; j++) {
      _Defer { if (j == 1) note(); }
      for (int k = 0; k < 2; k++) {
      }
    }
  }
  r.a = acc + 7;
  return r;
}

int main(void) {
  printf("main %ld\n", f(32 + 16).a);
  return 0;
}
// CHECK: callee 0
// CHECK-NEXT: f r.a=7
// CHECK-NEXT: main 7
