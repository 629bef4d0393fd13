/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind, valgrind, asan
// Recovered panics leak nothing: the panic records, the pool storage of
// loop defers in the frames they unwound, formatted messages; clean under
// valgrind's memcheck and under ASan+UBSan (with LeakSanitizer), in two
// threads.
// RUN: %cc -O2 -pthread %s -o %t
// RUN: valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 %t | FileCheck %s
// RUN: %cc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -pthread %s -o %t.asan && %t.asan | FileCheck %s

#include <defer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void pooled(int n, long *sum) {
  for (int i = 0; i < n; i++) {
    char *buf = malloc(16);
    defer free(buf);
    defer *sum += i;
    if (i == n / 2)
      defer_panicf("half of %d", n);
  }
}

static long recovering(int n) {
  long sum = 0;
  defer {
    if (defer_recover())
      defer_result = sum;
  }
  pooled(n, &sum);
  return -1;
}

static void *work(void *arg) {
  long total = 0;
  for (int r = 0; r < 300; r++)
    total += recovering(100 + r * 10 + (int)(long)arg);
  return (void *)total;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  long total = 0;
  for (int i = 0; i < 2; i++) {
    void *res;
    pthread_join(t[i], &res);
    total += (long)res;
  }
  printf("total %ld\n", total);
  return 0;
}

// CHECK: total {{[1-9][0-9]*}}
