/* SPDX-License-Identifier: MIT */
// Functions whose exit path cannot be shown to behave the same with
// `defer` on every path are left as they are, each with the reason.
// REQUIRES: defer-migrate
// RUN: %defer-migrate --report %s -- | FileCheck %s
// RUN: %defer-migrate --dry-run %s -- | count 0
// RUN: %defer-migrate %s -- > %t.c && diff %s %t.c

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// CHECK: refused.c:[[#@LINE+9]]: early_return ('out'): refused: a return at line [[#@LINE+7]] leaves without the exit path, and its value is not a constant that tells it apart
char *early_return(int n) {
  char *buf = NULL;
  buf = malloc(16);
  if (!buf)
    goto out;
  if (n > 0)
    return buf; /* handed to the caller: not released */
  n = -1;
out:
  free(buf);
  return NULL;
}

// CHECK: refused.c:[[#@LINE+8]]: unguarded ('err'): refused: 'fclose' is not known to accept an unset 'f': guard it with 'if (f)'
int unguarded(const char *path) {
  int ret = -1;
  FILE *f = NULL;
  f = fopen(path, "r");
  if (!f)
    goto err;
  ret = 0;
err:
  fclose(f);
  return ret;
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

// CHECK: refused.c:[[#@LINE+8]]: unlocks ('out'): refused: 'pthread_mutex_unlock (&mu)' releases what the function may not hold on every path to the label: a goto at line [[#@LINE+4]] comes before the lock at line [[#@LINE+5]]
int unlocks(int n) {
  int ret = -1;
  if (n < 0)
    goto out;
  pthread_mutex_lock(&mu);
  ret = n;
  pthread_mutex_unlock(&mu);
out:
  pthread_mutex_unlock(&mu);
  return ret;
}

// CHECK: refused.c:[[#@LINE+8]]: logs ('fail'): refused: the exit path does more than release resources (line [[#@LINE+10]])
int logs(void) {
  int ret = -1;
  char *a = NULL;
  a = malloc(1);
  if (!a)
    goto fail;
  ret = 0;
fail:
  free(a);
  puts("leaving");
  return ret;
}

// CHECK: candidates 4, converted 0, refused 4
