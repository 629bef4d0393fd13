/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic raised by a signal handler under calls that glibc declares
// nothrow (raise, kill): the frame that makes the call runs its pending
// blocks, and so do the frames above it, also when the frame in between
// has no defer and calls nothing but raise, which the compilers would
// otherwise find cannot unwind (and, under Clang, every function that
// calls only stdio, which LLVM takes not to unwind).  Each frame keeps the
// landing pads of the calls it makes while deferred blocks are pending.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O1 %s -o %t.O1 && %t.O1 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// RUN: env LIBDEFER_UNWIND=system %t.O2 | FileCheck %s

#include <defer.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static void on_signal(int sig) { defer_panicf("signal %d", sig); }

// Defined before its callers and external: compiled first, and found not
// to unwind if raise cannot.
void relay(int sig) { raise(sig); }

__attribute__((noinline)) static void signalled(int sig) {
  defer puts("signalled: block");
  raise(sig);
  puts("not reached");
}

__attribute__((noinline)) static void killed(int sig) {
  defer puts("killed: block");
  kill(getpid(), sig);
  puts("not reached");
}

#define RECOVERING(name, call)                                                 \
  __attribute__((noinline)) static int name(int sig) {                         \
    defer {                                                                    \
      const defer_panic_info *p = defer_recover();                             \
      printf(#name ": recovered %s\n", p ? p->message : "nothing");            \
      defer_result = 1;                                                        \
    }                                                                          \
    call(sig);                                                                 \
    return 0;                                                                  \
  }

RECOVERING(above_signalled, signalled)
RECOVERING(above_killed, killed)
RECOVERING(above_relay, relay)
RECOVERING(direct, raise)

int main(void) {
  struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_NODEFER};
  sigaction(SIGUSR1, &sa, NULL);
  printf("returned %d\n", above_signalled(SIGUSR1));
  printf("returned %d\n", above_killed(SIGUSR1));
  printf("returned %d\n", above_relay(SIGUSR1));
  printf("returned %d\n", direct(SIGUSR1));
  return 0;
}

// CHECK:      signalled: block
// CHECK-NEXT: above_signalled: recovered signal 10
// CHECK-NEXT: returned 1
// CHECK-NEXT: killed: block
// CHECK-NEXT: above_killed: recovered signal 10
// CHECK-NEXT: returned 1
// CHECK-NEXT: above_relay: recovered signal 10
// CHECK-NEXT: returned 1
// CHECK-NEXT: direct: recovered signal 10
// CHECK-NEXT: returned 1
