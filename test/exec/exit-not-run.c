/* SPDX-License-Identifier: MIT */
// exit() does not run pending deferred blocks, neither the caller's nor
// main's: only the atexit handlers run.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <stdlib.h>

static void handler(void) { puts("atexit handler"); }

static void leave(void) {
  defer puts("leave: deferred block ran");
  puts("calling exit");
  exit(0);
}

int main(void) {
  atexit(handler);
  defer puts("main: deferred block ran");
  leave();
  return 1;
}

// CHECK-NOT:  {{.*}}deferred block ran{{.*}}
// CHECK:      calling exit
// CHECK-NEXT: atexit handler
// CHECK-NOT:  {{.*}}deferred block ran{{.*}}
