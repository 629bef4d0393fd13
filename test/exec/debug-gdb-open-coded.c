/* SPDX-License-Identifier: MIT */
// Open-coded deferred blocks in gdb at -O0, in both shapes (a mask, and
// cleanups where they stand): a variable of an inner block that a block
// names shows under its name where the block runs, at the function's
// exit; the plugin's own variables do not show; a step from the `return`
// or the last statement goes through the blocks that run, newest first,
// then to the closing brace, and not to the lines of the tests that pick
// them nor to those of blocks that do not run.
// REQUIRES: gdb
// A known defect, open: before Clang 22 (catch-all handlers in place of
// DeferStmt; none without unwinding) a step from the last statement stops
// on the `defer` line before its block: an expected failure until fixed.
// XFAIL: clang && !native-defer-ts && unwind
// RUN: %cc -g -O0 %s -o %t
// The breakpoints are on the `return` of masked (line 46) and on the
// last statement of in_place (line 59); the CHECK lines say so.
// RUN: gdb -batch -nx -ex 'break %s:46' -ex 'break %s:59' -ex run \
// RUN:   -ex 'info locals' -ex next -ex 'print b' -ex 'info locals' \
// RUN:   -ex next -ex next -ex next -ex continue -ex 'info locals' \
// RUN:   -ex next -ex 'print c' -ex next -ex continue \
// RUN:   %t 2>&1 | FileCheck %s

#include <stdio.h>

static int total;

// A `defer` in an inner block: the mask shape.
static int masked(int x) {
  int a = 1;
  defer {
    total += a; // masked: a's block
  }
  if (x > 0) {
    int b = 2;
    defer {
      total += b;       // masked: b's block, first line
      total += b * 100; // masked: b's block, last line
    }
  }
  if (x > 5) {
    int d = 4;
    defer {
      total += d * 1000; // masked: d's block, which does not run
    }
  }
  return a + x; // masked: the return
} // masked: the closing brace

// Every `defer` in the outermost block: cleanups where they stand.
static void in_place(int x) {
  int c = 3;
  defer {
    total += c * 10000; // in_place: c's block
  }
  if (x)
    defer {
      total += 100000; // in_place: the guarded block, which does not run
    }
  total += 7; // in_place: the last statement
} // in_place: the closing brace

int main(void) {
  int r = masked(1);
  in_place(0);
  printf("%d %d\n", r, total);
  return 0;
}

// CHECK:      Breakpoint 1, masked (x=1) at {{.*}}debug-gdb-open-coded.c:46
// CHECK-NEXT: 46 {{.*}}// masked: the return
// CHECK-NOT:  __defer
// CHECK:      {{^[0-9]+}} {{.*}}// masked: b's block, first line
// CHECK-NEXT: $1 = 2
// CHECK-NOT:  __defer
// CHECK:      b = 2
// CHECK-NOT:  __defer
// CHECK:      {{^[0-9]+}} {{.*}}// masked: b's block, last line
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// masked: a's block
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// masked: the closing brace
// CHECK:      Breakpoint 2, in_place (x=0) at {{.*}}debug-gdb-open-coded.c:59
// CHECK-NEXT: 59 {{.*}}// in_place: the last statement
// CHECK-NEXT: c = 3
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// in_place: c's block
// CHECK-NEXT: $2 = 3
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// in_place: the closing brace
// CHECK:      2 30210
// CHECK:      exited normally
