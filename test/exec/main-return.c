/* SPDX-License-Identifier: MIT */
// Returning from main runs main's deferred blocks before the program exits
// (before the atexit handlers), with main's return value unchanged.
// The exit status must be 0 (the value of `status` at the return), so the
// program's output goes through a file and a failing status fails the RUN.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 > %t.O0.out && FileCheck %s --match-full-lines < %t.O0.out
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 > %t.O2.out && FileCheck %s --match-full-lines < %t.O2.out

#include <stdio.h>
#include <stdlib.h>

static void handler(void) { puts("atexit handler"); }

int main(void) {
  int status = 0;
  atexit(handler);
  defer puts("main: first deferred block");
  defer {
    puts("main: second deferred block");
    status = 3;
  }
  puts("main: returning");
  return status;
}

// CHECK:      main: returning
// CHECK-NEXT: main: second deferred block
// CHECK-NEXT: main: first deferred block
// CHECK-NEXT: atexit handler
