/* SPDX-License-Identifier: MIT */
// A deferred block may call functions that use defer themselves: the callee's
// defers run when the callee returns, inside the caller's deferred block.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static void inner(const char *who) {
  defer printf("  inner defer (%s)\n", who);
  printf("  inner body (%s)\n", who);
}

static void outer(void) {
  puts("outer");
  defer inner("from a defer");
  defer {
    inner("first in a block");
    inner("second in a block");
  }
  inner("direct");
  puts("  outer body end");
}

int main(void) {
  outer();
  puts("done");
  return 0;
}

// CHECK:      outer
// CHECK-NEXT:   inner body (direct)
// CHECK-NEXT:   inner defer (direct)
// CHECK-NEXT:   outer body end
// CHECK-NEXT:   inner body (first in a block)
// CHECK-NEXT:   inner defer (first in a block)
// CHECK-NEXT:   inner body (second in a block)
// CHECK-NEXT:   inner defer (second in a block)
// CHECK-NEXT:   inner body (from a defer)
// CHECK-NEXT:   inner defer (from a defer)
// CHECK-NEXT: done
