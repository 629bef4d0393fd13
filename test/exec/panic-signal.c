/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic raised in a signal handler (here for a signal the thread sends
// itself with raise): the walk meets the kernel's signal frame, which
// libdefer leaves to libgcc, and goes on through raise into the frames
// with defers, which run and recover.  Also with LIBDEFER_UNWIND=system.
// raise is called through a pointer here; panic-signal-nothrow.c calls
// it, and kill, directly.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// RUN: env LIBDEFER_UNWIND=system %t.O2 | FileCheck %s

#include <defer.h>
#include <signal.h>
#include <stdio.h>

static void on_signal(int sig) { defer_panicf("signal %d", sig); }

__attribute__((noinline)) static void signalled(int sig) {
  defer puts("signalled: block");
  int (*volatile send)(int) = raise;
  send(sig);
  puts("not reached");
}

__attribute__((noinline)) static int recovering(int sig) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("recovered %s\n", p ? p->message : "nothing");
    defer_result = 1;
  }
  signalled(sig);
  return 0;
}

int main(void) {
  struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_NODEFER};
  sigaction(SIGUSR1, &sa, NULL);
  for (int i = 0; i < 2; i++)
    printf("returned %d\n", recovering(SIGUSR1));
  return 0;
}

// CHECK:      signalled: block
// CHECK-NEXT: recovered signal 10
// CHECK-NEXT: returned 1
// CHECK-NEXT: signalled: block
// CHECK-NEXT: recovered signal 10
// CHECK-NEXT: returned 1
