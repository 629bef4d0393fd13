// REQUIRES: unwind
// Under -flto, a panic that unwinds through a frame compiled without the
// plugin and without -fexceptions, reached through a function without
// defers: the whole-program analysis takes the frame not to unwind, and
// so the function that calls it, which is compiled with the plugin but
// calls nothing else.  The function with defers keeps the landing pad of
// its call to that one, so its deferred block runs and recovers.
// RUN: %cc-noplugin -O0 -flto -c %S/Inputs/no-exceptions-frame.c -o %t.O0.o
// RUN: %cc -O0 -flto %s %t.O0.o -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -flto -c %S/Inputs/no-exceptions-frame.c -o %t.O2.o
// RUN: %cc -O2 -flto %s %t.O2.o -o %t.O2 && %t.O2 | FileCheck %s
// RUN: env LIBDEFER_UNWIND=system %t.O2 | FileCheck %s

#include <defer.h>
#include <stdio.h>

void no_exceptions_frame(void (*callback)(int), int n);

static void boom(int n) { defer_panicf("boom %d", n); }

/* Two frames without defers between the function with them and the
   frame compiled without -fexceptions.  */
__attribute__((noinline)) static void inner(int n) {
  no_exceptions_frame(boom, n);
}

__attribute__((noinline)) static void outer(int n) { inner(n + 1); }

__attribute__((noinline)) static int top(int n) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("recovered %s\n", p ? p->message : "nothing");
    defer_result = 1;
  }
  outer(n);
  return 0;
}

int main(void) {
  for (int i = 0; i < 2; i++)
    printf("returned %d\n", top(i));
  return 0;
}

// CHECK:      recovered boom 1
// CHECK-NEXT: returned 1
// CHECK-NEXT: recovered boom 2
// CHECK-NEXT: returned 1
