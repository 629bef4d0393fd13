/* SPDX-License-Identifier: MIT */
// Variables declared outside the loop that contains a defer, parameters and
// static variables (wherever declared) are by reference: each registration
// of a loop defer reads them when it runs, and one block's writes are seen
// by the blocks that run after it.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>

static void final_values(int n) {
  printf("final_values(%d)\n", n);
  int total = 0;
  char label[16] = "start";
  for (int i = 0; i < n; i++) {
    total += i;
    defer printf("  i=%d total=%d label=%s n=%d\n", i, total, label, n);
  }
  strcpy(label, "end");
  total = -1;
  n = 99;
}

static void accumulate(void) {
  puts("accumulate");
  int acc = 0;
  defer printf("  acc=%d\n", acc);
  for (int i = 1; i <= 4; i++)
    defer acc = acc * 10 + i;
}

static void statics(void) {
  puts("statics");
  for (int i = 0; i < 3; i++) {
    static int calls;
    calls++;
    defer printf("  i=%d calls=%d\n", i, calls);
  }
}

static void through_pointer(int *out, int n) {
  for (int i = 0; i < n; i++)
    defer *out = *out * 2 + i;
}

int main(void) {
  final_values(3);
  accumulate();
  statics();
  int v = 1;
  through_pointer(&v, 3);
  printf("through_pointer: v=%d\n", v);
  return 0;
}

// CHECK:      final_values(3)
// CHECK-NEXT:   i=2 total=-1 label=end n=99
// CHECK-NEXT:   i=1 total=-1 label=end n=99
// CHECK-NEXT:   i=0 total=-1 label=end n=99
// CHECK-NEXT: accumulate
// CHECK-NEXT:   acc=4321
// CHECK-NEXT: statics
// CHECK-NEXT:   i=2 calls=3
// CHECK-NEXT:   i=1 calls=3
// CHECK-NEXT:   i=0 calls=3
// CHECK-NEXT: through_pointer: v=18
