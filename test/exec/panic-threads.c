/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// Panics are per thread: several threads panic and recover at the same
// time, many times, each through its own frames and loop records, and a
// thread that exits through pthread_exit inside a recovering function is
// unaffected by the others' panics.
// RUN: %cc -O0 -pthread %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s

#include <defer.h>
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 4, ROUNDS = 20000 };

static pthread_barrier_t start;

static void deep(long *ran, int depth, int thread) {
  defer (*ran)++;
  for (int i = 0; i < depth % 3; i++)
    defer (*ran)++;
  if (depth == 0)
    defer_panicf("thread %d", thread);
  deep(ran, depth - 1, thread);
}

static int round_trip(long *ran, int depth, int thread, long *recovered) {
  defer {
    const defer_panic_info *p = defer_recover();
    char want[32];
    snprintf(want, sizeof want, "thread %d", thread);
    if (p && __builtin_strcmp(p->message, want) == 0)
      (*recovered)++;
  }
  deep(ran, depth, thread);
  return 1;
}

static void *work(void *arg) {
  int thread = (int)(long)arg;
  long ran = 0, recovered = 0, expected = 0;
  pthread_barrier_wait(&start);
  for (int r = 0; r < ROUNDS; r++) {
    int depth = r % 7;
    for (int d = 0; d <= depth; d++)
      expected += 1 + d % 3;
    round_trip(&ran, depth, thread, &recovered);
  }
  return (void *)(long)(recovered == ROUNDS && ran == expected);
}

int main(void) {
  pthread_t t[THREADS];
  pthread_barrier_init(&start, NULL, THREADS);
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  int ok = 0;
  for (int i = 0; i < THREADS; i++) {
    void *res;
    pthread_join(t[i], &res);
    ok += res != NULL;
  }
  printf("%d of %d threads recovered every panic, each block once\n", ok,
         THREADS);
  return 0;
}

// CHECK: 4 of 4 threads recovered every panic, each block once
