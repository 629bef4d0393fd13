/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A thread cancelled while it waits at a cancellation point (sem_wait) is
// unwound: the pending deferred blocks of every frame run, innermost first,
// and the thread's result is PTHREAD_CANCELED.
// RUN: %cc -O0 -pthread %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t ready;
static sem_t never;

static void wait_forever(void) {
  defer puts("  wait_forever: deferred");
  sem_post(&ready);
  for (;;)
    sem_wait(&never);
}

static void *worker(void *arg) {
  (void)arg;
  defer puts("  worker: defer 1");
  defer puts("  worker: defer 2");
  wait_forever();
  defer puts("  worker: never registered");
  return NULL;
}

int main(void) {
  pthread_t t;
  void *ret = NULL;
  sem_init(&ready, 0, 0);
  sem_init(&never, 0, 0);
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return 1;
  while (sem_wait(&ready) != 0)
    continue;
  puts("main: cancelling");
  fflush(stdout);
  if (pthread_cancel(t) != 0 || pthread_join(t, &ret) != 0)
    return 1;
  printf("main: joined, cancelled=%s\n", ret == PTHREAD_CANCELED ? "yes" : "no");
  return 0;
}

// CHECK-NOT:  {{.*}}never registered{{.*}}
// CHECK:      main: cancelling
// CHECK-NEXT:   wait_forever: deferred
// CHECK-NEXT:   worker: defer 2
// CHECK-NEXT:   worker: defer 1
// CHECK-NEXT: main: joined, cancelled=yes
