// A breakpoint on a line inside a deferred block (-g -O0) is hit once, in
// the function that registered the defer, when that function returns, with
// its parameters visible and main as the caller.
// REQUIRES: gdb
// RUN: %cc -g -O0 %s -o %t
// The gdb command needs a literal line number: 22 is the line marked
// "breakpoint line" below; the CHECK lines under it compute the same number.
// RUN: gdb -nx -batch -ex 'break %s:22' -ex run -ex bt -ex 'print n' \
// RUN:   -ex 'print counter' -ex continue %t 2>&1 | FileCheck %s

#include <stdio.h>

static int counter;

static void report(int n) { printf("report %d\n", n); }

static int work(int n) {
  if (n > 5)
    return 0;
  defer {
    report(n);
    counter += n; // breakpoint line
    // CHECK:      Breakpoint 1 at
    // CHECK-NOT:  Breakpoint 1,
    // CHECK:      Breakpoint 1, work (n=3) at {{.*}}debug-break.c:[[@LINE-3]]
    // CHECK-NEXT: {{^}}[[@LINE-4]]{{[[:space:]]+}}counter += n;
    // CHECK:      #0  work (n=3) at {{.*}}debug-break.c:[[@LINE-5]]
    // CHECK-NEXT: #1  {{.*}}main () at {{.*}}debug-break.c:{{[0-9]+}}
    // CHECK:      $1 = 3
    // CHECK:      $2 = 0
    // CHECK-NOT:  Breakpoint 1,
    // CHECK:      exited normally
  }
  if (n > 1)
    return n * 2;
  return n;
}

int main(void) {
  int r = work(3);
  return r == 6 && counter == 3 ? 0 : 1;
}
