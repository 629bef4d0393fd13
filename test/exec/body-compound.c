/* SPDX-License-Identifier: MIT */
// The deferred block may be a compound statement with its own declarations;
// its statements run in order, and separate blocks keep LIFO order.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int twice_of(int v) { return v * 2; }

static void compound(int n) {
  defer {
    int twice = n * 2;
    printf("block 1: n=%d twice=%d\n", n, twice);
    puts("block 1: end");
  }
  defer {
    const char *word = n > 2 ? "big" : "small";
    printf("block 2: %s\n", word);
    {
      int inner = twice_of(n);
      printf("block 2: inner=%d\n", inner);
    }
  }
  defer {}
  printf("body: n=%d\n", n);
}

int main(void) {
  compound(3);
  compound(1);
  return 0;
}

// CHECK:      body: n=3
// CHECK-NEXT: block 2: big
// CHECK-NEXT: block 2: inner=6
// CHECK-NEXT: block 1: n=3 twice=6
// CHECK-NEXT: block 1: end
// CHECK-NEXT: body: n=1
// CHECK-NEXT: block 2: small
// CHECK-NEXT: block 2: inner=2
// CHECK-NEXT: block 1: n=1 twice=2
// CHECK-NEXT: block 1: end
