/* SPDX-License-Identifier: MIT */
// A deferred block may contain labels and gotos (backward and forward) that
// stay inside it; the function has several exits, so the block is run from
// each of them.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int with_labels(int n) {
  printf("with_labels(%d)\n", n);
  defer {
    int k = 0;
  again:
    if (k < n) {
      k++;
      goto again;
    }
    printf("  counted to %d\n", k);
    if (k > 2)
      goto done;
    puts("  small count");
  done:
    puts("  done");
  }
  if (n == 0)
    return -1;
  if (n == 1)
    return 1;
  return n * 2;
}

int main(void) {
  printf("returned %d\n", with_labels(0));
  printf("returned %d\n", with_labels(1));
  printf("returned %d\n", with_labels(4));
  return 0;
}

// CHECK:      with_labels(0)
// CHECK-NEXT:   counted to 0
// CHECK-NEXT:   small count
// CHECK-NEXT:   done
// CHECK-NEXT: returned -1
// CHECK-NEXT: with_labels(1)
// CHECK-NEXT:   counted to 1
// CHECK-NEXT:   small count
// CHECK-NEXT:   done
// CHECK-NEXT: returned 1
// CHECK-NEXT: with_labels(4)
// CHECK-NEXT:   counted to 4
// CHECK-NEXT:   done
// CHECK-NEXT: returned 8
