/* SPDX-License-Identifier: MIT */
// A computed goto inside a deferred block whose possible targets (every
// label of the function whose address is taken) all lie inside that block
// stays inside it, like any goto that does not leave the block: no
// diagnostic, and it runs.  (Clang warns that such a block runs on return
// only: the warning is checked in test/diag, -Werror is for GCC here.)
// RUN: %cc -Wall -Wextra %if gcc %{ -Werror %} -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -Wall -Wextra %if gcc %{ -Werror %} -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int pick(int x) {
  defer {
    void *inside = x > 1 ? &&big : &&small;
    goto *inside;
  big:
    printf("  pick(%d): big\n", x);
  small:
    printf("  pick(%d): small\n", x);
  }
  return x;
}

int main(void) {
  printf("returned %d\n", pick(2));
  printf("returned %d\n", pick(0));
  return 0;
}

// CHECK:        pick(2): big
// CHECK-NEXT:   pick(2): small
// CHECK-NEXT: returned 2
// CHECK-NEXT:   pick(0): small
// CHECK-NEXT: returned 0
