/* SPDX-License-Identifier: MIT */
// A variable-length array declared in the function's outermost block, outside
// any loop, is named by reference and still alive when the deferred block
// runs: the block sees its final contents.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>

static int vla(int n) {
  char buf[n];
  memset(buf, 'a', (size_t)n - 1);
  buf[n - 1] = 0;
  defer printf("buf=%s sizeof=%zu\n", buf, sizeof buf);
  buf[0] = 'Z';
  if (n > 5)
    return 1;
  return 0;
}

int main(void) {
  vla(4);
  vla(8);
  return 0;
}

// CHECK:      buf=Zaa sizeof=4
// CHECK-NEXT: buf=Zaaaaaa sizeof=8
