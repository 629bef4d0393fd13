/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A thread cancelled in a stdio function (fgets reading a pipe nobody
// writes: its read is the thread's first cancellation point, whenever the
// request comes) runs its pending deferred blocks.  glibc does not declare such functions nothrow, but
// LLVM takes the C library functions it knows not to unwind; the landing
// pad of the call stays all the same.
// RUN: %cc -O0 -pthread %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static FILE *never_written;

static void *reader(void *arg) {
  (void)arg;
  char line[16];
  defer puts("reader: deferred");
  fgets(line, sizeof line, never_written);
  puts("reader: not reached");
  return NULL;
}

int main(void) {
  int fds[2];
  if (pipe(fds) != 0)
    return 1;
  never_written = fdopen(fds[0], "r");
  pthread_t t;
  pthread_create(&t, NULL, reader, NULL);
  pthread_cancel(t);
  void *result;
  pthread_join(t, &result);
  printf("cancelled: %s\n", result == PTHREAD_CANCELED ? "yes" : "no");
  return 0;
}

// CHECK:      reader: deferred
// CHECK-NEXT: cancelled: yes
