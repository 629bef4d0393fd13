/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// An unrecovered panic runs every pending deferred block of the thread,
// then prints "panic: <message>", where it was raised (and the panics it
// replaced), and a stack trace to stderr and ends the process with status
// 2, from the main thread or any other.
// RUN: %cc -O0 -pthread %s -o %t.O0
// RUN: %cc -O2 -pthread %s -o %t.O2
// RUN: sh -c '%t.O0 main > %t.out 2> %t.err; echo "status $?" >> %t.out'
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// RUN: sh -c '%t.O2 thread > %t.tout 2> %t.terr; echo "status $?" >> %t.tout'
// RUN: FileCheck %s --check-prefix=TOUT < %t.tout
// RUN: FileCheck %s --check-prefix=TERR < %t.terr
// RUN: sh -c '%t.O2 replaced > /dev/null 2> %t.rerr; echo "status $?" >> %t.rerr'
// RUN: FileCheck %s --check-prefix=RERR < %t.rerr

#include <defer.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void inner(const char *what) {
  defer printf("inner deferred block ran\n");
  defer_panicf("%s went wrong", what);
}

static void outer(const char *what) {
  defer printf("outer deferred block ran\n");
  inner(what);
}

static void *thread_main(void *arg) {
  outer(arg);
  return NULL;
}

static void replaced(void) {
  defer defer_panic("second");
  defer_panic("first");
}

int main(int argc, char **argv) {
  (void)argc;
  if (strcmp(argv[1], "main") == 0)
    outer("main");
  if (strcmp(argv[1], "thread") == 0) {
    pthread_t t;
    pthread_create(&t, NULL, thread_main, "a thread");
    pthread_join(t, NULL);
  }
  if (strcmp(argv[1], "replaced") == 0)
    replaced();
  printf("not reached\n");
  return 0;
}

// OUT:      inner deferred block ran
// OUT-NEXT: outer deferred block ran
// OUT-NEXT: status 2
// ERR:      panic: main went wrong
// ERR-NEXT: {{^}}	at {{.*}}panic-unrecovered.c:25 (inner)
// ERR:      thread {{[0-9]+}}:
// ERR-NEXT: {{.+}}
// TOUT:      inner deferred block ran
// TOUT-NEXT: outer deferred block ran
// TOUT-NEXT: status 2
// TERR:      panic: a thread went wrong
// RERR:      panic: first [replaced]
// RERR-NEXT: {{^}}	at {{.*}}panic-unrecovered.c:{{[0-9]+}} (replaced)
// RERR-NEXT: panic: second
// RERR:      status 2
