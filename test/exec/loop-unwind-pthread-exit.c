/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// pthread_exit unwinds through functions with loop
// defers: every pending registration of every frame runs, innermost frame
// first and newest first, including those of a loop left in the middle.
// RUN: %cc -O0 -pthread %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdio.h>

static void leave_mid_loop(int n) {
  for (int i = 0; i < n; i++) {
    defer printf("  leave_mid_loop: i=%d\n", i);
    if (i == 2) {
      puts("  calling pthread_exit");
      pthread_exit((void *)42);
    }
  }
  defer puts("  leave_mid_loop: never registered");
}

static void middle(int n) {
  int k = 0;
  while (k < n) {
    int kk = k;
    defer printf("  middle: kk=%d k=%d\n", kk, k);
    k++;
  }
  defer puts("  middle: once");
  leave_mid_loop(n + 2);
}

static void *thread_main(void *arg) {
  int n = *(int *)arg;
  for (int j = 0; j < 2; j++)
    defer printf("  thread_main: j=%d\n", j);
  for (int m = 0; m < n; m++)
    defer printf("  thread_main: m=%d\n", m);
  middle(n);
  defer puts("  thread_main: never registered");
  return NULL;
}

int main(void) {
  int n = 2;
  pthread_t t;
  void *ret = NULL;
  if (pthread_create(&t, NULL, thread_main, &n) != 0)
    return 1;
  if (pthread_join(t, &ret) != 0)
    return 1;
  printf("joined: %ld\n", (long)ret);
  return 0;
}

// CHECK-NOT:  {{.*}}never registered{{.*}}
// CHECK:        calling pthread_exit
// CHECK-NEXT:   leave_mid_loop: i=2
// CHECK-NEXT:   leave_mid_loop: i=1
// CHECK-NEXT:   leave_mid_loop: i=0
// CHECK-NEXT:   middle: once
// CHECK-NEXT:   middle: kk=1 k=2
// CHECK-NEXT:   middle: kk=0 k=2
// CHECK-NEXT:   thread_main: m=1
// CHECK-NEXT:   thread_main: m=0
// CHECK-NEXT:   thread_main: j=1
// CHECK-NEXT:   thread_main: j=0
// CHECK-NEXT: joined: 42
// CHECK-NOT:  {{.*}}never registered{{.*}}
