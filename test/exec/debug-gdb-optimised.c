// At -O2 a deferred block run from a run-time record still shows the loop
// variables it copies, under their names, where the record is at hand
// (here: in the caller's frame of a function the block calls), and the
// plugin's own names stay hidden.
// REQUIRES: gdb
// RUN: %cc -g -O2 %s -o %t
// RUN: gdb -batch -nx -ex 'break use' -ex run -ex up -ex 'print i' \
// RUN:   -ex 'print sq' -ex 'info locals' -ex continue -ex continue \
// RUN:   -ex up -ex 'print i' -ex 'print sq' -ex 'info locals' -ex kill \
// RUN:   %t 2>&1 | FileCheck %s

#include <stdio.h>

static volatile int total;

__attribute__((noinline)) static void use(int v) {
  total += v;
  __asm__ volatile("");
}

__attribute__((noinline)) static int work(int n) {
  for (int i = 0; i < n; i++) {
    int sq = i * i;
    defer {
      use(i);
      use(sq);
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  (void)argv;
  work(argc + 2);
  printf("total %d\n", total);
  return 0;
}

// CHECK:      Breakpoint 1, use
// CHECK:      #1 {{.*}} in work
// CHECK-NEXT: {{.*}}use(i);
// CHECK-NEXT: $1 = 2
// CHECK-NEXT: $2 = 4
// CHECK-NOT:  __defer
// CHECK:      Breakpoint 1, use
// CHECK:      Breakpoint 1, use
// CHECK:      #1 {{.*}} in work
// CHECK-NEXT: {{.*}}use(i);
// CHECK-NEXT: $3 = 1
// CHECK-NEXT: $4 = 1
// CHECK-NOT:  __defer
// CHECK:      Kill the program being debugged
