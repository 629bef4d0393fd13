/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// pthread_exit unwinds the thread: the pending deferred blocks of every frame
// it passes through run, innermost frame first and newest first, and a defer
// after the call that exits is never registered.
// RUN: %cc -O0 -pthread %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdio.h>

static void leave_thread(int depth) {
  defer printf("  leave_thread(%d): deferred\n", depth);
  if (depth > 0) {
    leave_thread(depth - 1);
    return;
  }
  puts("  calling pthread_exit");
  pthread_exit((void *)42);
}

static void *thread_main(void *arg) {
  (void)arg;
  defer puts("  thread_main: defer 1");
  defer puts("  thread_main: defer 2");
  leave_thread(1);
  defer puts("  thread_main: never registered");
  return NULL;
}

int main(void) {
  pthread_t t;
  void *ret = NULL;
  if (pthread_create(&t, NULL, thread_main, NULL) != 0)
    return 1;
  if (pthread_join(t, &ret) != 0)
    return 1;
  printf("joined: %ld\n", (long)ret);
  return 0;
}

// CHECK-NOT:  {{.*}}never registered{{.*}}
// CHECK:        calling pthread_exit
// CHECK-NEXT:   leave_thread(0): deferred
// CHECK-NEXT:   leave_thread(1): deferred
// CHECK-NEXT:   thread_main: defer 2
// CHECK-NEXT:   thread_main: defer 1
// CHECK-NEXT: joined: 42
