/* SPDX-License-Identifier: MIT */
// REQUIRES: valgrind
// Several threads each register and run a million loop defers (pooled
// records) and exit; valgrind's memcheck finds no leak and no error: the
// pool's chunks are reused within a thread and freed when it exits.
// RUN: %cc -O2 -pthread %s -o %t
// RUN: valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 %t | FileCheck %s
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 3, DEFERS = 1000000 };

static long sum_defers(long n, long *out) {
  for (long i = 0; i < n; i++)
    defer *out += i;
  return n;
}

static void *worker(void *arg) {
  long *sum = arg;
  sum_defers(DEFERS, sum);
  sum_defers(DEFERS / 2, sum);
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  long sums[THREADS] = {0};
  for (int k = 0; k < THREADS; k++)
    pthread_create(&t[k], NULL, worker, &sums[k]);
  for (int k = 0; k < THREADS; k++)
    pthread_join(t[k], NULL);
  long expect = (long)DEFERS * (DEFERS - 1) / 2
                + (long)(DEFERS / 2) * (DEFERS / 2 - 1) / 2;
  for (int k = 0; k < THREADS; k++)
    printf("thread %d %s\n", k, sums[k] == expect ? "ok" : "WRONG");
  return 0;
}
// CHECK: thread 0 ok
// CHECK-NEXT: thread 1 ok
// CHECK-NEXT: thread 2 ok
