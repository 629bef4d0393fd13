/* SPDX-License-Identifier: MIT */
// REQUIRES: asan, tsan
// Generated record code and libdefer under the sanitizers: loop defers in
// several threads, with copies, frame arrays, pooled records across chunk
// boundaries and nested calls, are clean under ASan+UBSan and TSan.
// RUN: %cc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -pthread %s -o %t.asan && %t.asan | FileCheck %s
// RUN: %cc -O1 -g -fsanitize=thread -pthread %s -o %t.tsan && %t.tsan | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { THREADS = 4, BIG = 20000 };

struct blob {
  char text[40];
};

static long nested(long depth, long *sum) {
  for (long i = 0; i < 3; i++) /* frame array */
    defer *sum += i;
  if (depth > 0)
    nested(depth - 1, sum);
  for (long i = 0; i < depth; i++) /* pooled */
    defer *sum += i;
  return depth;
}

static void *worker(void *arg) {
  long *sum = arg;
  for (long i = 0; i < BIG; i++) { /* several 64 KiB chunks */
    struct blob b;
    snprintf(b.text, sizeof b.text, "record %ld", i);
    defer *sum += (long)strlen(b.text);
  }
  nested(50, sum);
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  long sums[THREADS] = {0};
  for (int k = 0; k < THREADS; k++)
    pthread_create(&t[k], NULL, worker, &sums[k]);
  for (int k = 0; k < THREADS; k++)
    pthread_join(t[k], NULL);
  int same = 1;
  for (int k = 1; k < THREADS; k++)
    same &= sums[k] == sums[0];
  printf("threads agree: %d, sum %ld\n", same, sums[0]);
  return 0;
}
// 228890 for the strings, 51 * 3 for the frame arrays, C(51,3) pooled.
// CHECK: threads agree: 1, sum 249868
