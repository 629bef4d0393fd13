/* SPDX-License-Identifier: MIT */
// Eight threads each register 100000 loop defers in one call, at the same
// time: every thread runs exactly its own registrations, newest first, with
// its own copies, and checks the sum.
// RUN: %cc -O0 -pthread %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdio.h>

enum { THREADS = 8, PER_THREAD = 100000, CALLS = 3 };

struct tally {
  long id;
  long count, sum, out_of_order, expect;
  int ok;
};

static pthread_barrier_t start;

static void work(struct tally *t, long n) {
  t->expect = n - 1;
  for (long i = 0; i < n; i++) {
    long tagged = i * THREADS + t->id;
    defer {
      t->count++;
      t->sum += tagged;
      if (tagged != t->expect * THREADS + t->id)
        t->out_of_order++;
      t->expect--;
    }
  }
}

static void *thread_main(void *arg) {
  struct tally *t = arg;
  pthread_barrier_wait(&start);
  long n = PER_THREAD;
  long want = THREADS * (n * (n - 1) / 2) + n * t->id;
  t->ok = 1;
  for (int call = 0; call < CALLS; call++) {
    t->count = t->sum = t->out_of_order = 0;
    work(t, n);
    if (t->count != n || t->sum != want || t->out_of_order != 0)
      t->ok = 0;
  }
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  struct tally tallies[THREADS];
  pthread_barrier_init(&start, NULL, THREADS);
  for (long k = 0; k < THREADS; k++) {
    tallies[k] = (struct tally){.id = k};
    if (pthread_create(&threads[k], NULL, thread_main, &tallies[k]) != 0)
      return 1;
  }
  for (int k = 0; k < THREADS; k++)
    if (pthread_join(threads[k], NULL) != 0)
      return 1;
  for (int k = 0; k < THREADS; k++)
    printf("thread %d: %s (count=%ld)\n", k, tallies[k].ok ? "ok" : "WRONG",
           tallies[k].count);
  return 0;
}

// CHECK:      thread 0: ok (count=100000)
// CHECK-NEXT: thread 1: ok (count=100000)
// CHECK-NEXT: thread 2: ok (count=100000)
// CHECK-NEXT: thread 3: ok (count=100000)
// CHECK-NEXT: thread 4: ok (count=100000)
// CHECK-NEXT: thread 5: ok (count=100000)
// CHECK-NEXT: thread 6: ok (count=100000)
// CHECK-NEXT: thread 7: ok (count=100000)
