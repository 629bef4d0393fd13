/* SPDX-License-Identifier: MIT */
// A pointer to a variable-length array declared in a loop is copied as
// a pointer: each registration keeps the row it pointed to, and the
// array size in its type (n, declared outside the loop) is read when the
// deferred block runs.  A VLA itself cannot be copied (test/diag).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

static void rows(int n) {
  int data[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
  for (int r = 0; r < 3; r++) {
    int (*row)[n] = (int (*)[n])data[r];
    defer printf("row %d: %d %d (%zu bytes)\n", r, (*row)[1], (*row)[n - 1],
                 sizeof *row);
  }
}

static void rows_in_pool(int count, int n) {
  int data[2][2] = {{1, 2}, {3, 4}};
  for (int r = 0; r < count; r++) {
    int (*row)[n] = (int (*)[n])data[r % 2];
    defer if (r < 2) printf("pooled row %d: %d\n", r, (*row)[n - 1]);
  }
}

int main(void) {
  rows(4);
  rows_in_pool(100, 2);
  return 0;
}

// CHECK:      row 2: 10 12 (16 bytes)
// CHECK-NEXT: row 1: 6 8 (16 bytes)
// CHECK-NEXT: row 0: 2 4 (16 bytes)
// CHECK-NEXT: pooled row 1: 4
// CHECK-NEXT: pooled row 0: 2
