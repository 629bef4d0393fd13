// A deferred block run from a run-time record (a `defer` in a loop), in
// gdb at -O0: the loop variables it copies show under their own names,
// with the values the record kept, and setting one sets the copy the
// block reads; the plugin's own variables do not show; a step from the
// `return` goes through the blocks that run, newest first, then to the
// closing brace, and nowhere else.
// REQUIRES: gdb
// RUN: %cc -g -O0 %s -o %t
// The breakpoint is on the `return` below, line 29 (the CHECK lines
// say so); each `next` prints the line it stops at.
// RUN: gdb -batch -nx -ex 'break %s:29' -ex run -ex 'info locals' \
// RUN:   -ex next -ex 'print i' -ex 'print sq' -ex 'info locals' \
// RUN:   -ex next -ex next -ex 'print i' -ex 'print sq = 40' -ex next \
// RUN:   -ex next -ex 'print i' -ex next -ex next -ex continue \
// RUN:   %t 2>&1 | FileCheck %s

#include <stdio.h>

static int total;

static int work(int n) {
  for (int i = 0; i < n; i++) {
    int sq = i * i;
    defer {
      total += i;       // first line of the block
      total += sq * 10; // last line of the block
    }
  }
  return 0; // the return
} // the closing brace

int main(void) {
  work(3);
  printf("total %d\n", total);
  return 0;
}

// CHECK:      Breakpoint 1, work (n=3) at {{.*}}debug-gdb-records.c:29
// CHECK-NEXT: 29 {{.*}}// the return
// CHECK-NEXT: No locals.
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// first line of the block
// CHECK-NEXT: $1 = 2
// CHECK-NEXT: $2 = 4
// CHECK-NOT:  __defer
// CHECK-DAG:  i = 2
// CHECK-DAG:  sq = 4
// CHECK-NOT:  __defer
// CHECK:      {{^[0-9]+}} {{.*}}// last line of the block
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// first line of the block
// CHECK-NEXT: $3 = 1
// CHECK-NEXT: $4 = 40
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// last line of the block
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// first line of the block
// CHECK-NEXT: $5 = 0
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// last line of the block
// CHECK-NEXT: {{^[0-9]+}} {{.*}}// the closing brace
// The blocks ran with the copy set from gdb: 2 + 40, 1 + 400, 0 + 0.
// CHECK:      total 443
// CHECK:      exited normally
