/* SPDX-License-Identifier: MIT */
// Ladders and error-only exit paths that cannot be shown to behave the
// same with `defer` are left as they are, each with the reason.
// REQUIRES: defer-migrate
// RUN: %defer-migrate --report %s -- | FileCheck %s
// RUN: %defer-migrate %s -- > %t.c && diff %s %t.c

#include <stdlib.h>

int acquire(void);
void res_free(void *);

// The goto that runs both releases comes before the one that runs only
// the second: no place registers the first for exactly its gotos.
// CHECK: refused-ladder.c:[[#@LINE+11]]: crossed ('both', 'only_b'): refused: no place registers the statement at line [[#@LINE+12]] for exactly the gotos that run it: the gotos do not enter the exit path in the reverse order of what they acquired
int crossed(int n, char *a, char *b) {
  int ret = -1;
  if (n == 1)
    goto both;
  if (n == 2)
    goto only_b;
  ret = 0;
  res_free(a);
  res_free(b);
  return ret;
both:
  res_free(a);
only_b:
  res_free(b);
  return ret;
}

// Nothing shows that err is not 0, the value of the success path, at the
// goto on n > 0.
// CHECK: refused-ladder.c:[[#@LINE+11]]: unproven ('fail'): refused: 'err' is not shown to differ from 0 at the goto at line [[#@LINE+8]], which the returns that leave without the exit path return
int unproven(int n) {
  int err;
  char *p = malloc(4);
  if (!p)
    return -1;
  err = acquire();
  if (n > 0)
    goto fail;
  return 0;

fail:
  res_free(p);
  return err;
}

// Two values leave without the exit path.
// CHECK: refused-ladder.c:[[#@LINE+11]]: two_values ('fail'): refused: the returns that leave without the exit path (line [[#@LINE+9]]) do not all return one value
int two_values(int n) {
  char *p = malloc(4);
  if (!p)
    return 2;
  if (acquire())
    goto fail;
  if (n)
    return 1;
  return 0;

fail:
  res_free(p);
  return -1;
}

// The exit path returns what the success path returns.
// CHECK: refused-ladder.c:[[#@LINE+9]]: same_value ('fail'): refused: the exit path returns 0, as do the returns that leave without it
int same_value(void) {
  char *p = malloc(4);
  if (!p)
    return 1;
  if (acquire())
    goto fail;
  return 0;

fail:
  res_free(p);
  return 0;
}

// The path changes the value it returns.
// CHECK: refused-ladder.c:[[#@LINE+7]]: changes_value ('out'): refused: the value returned is not a constant or a local the exit path cannot change
int changes_value(void) {
  int ret = 0;
  char *p = malloc(4);
  if (acquire())
    goto out;
  ret = 1;
out:
  res_free(p);
  ret = -1;
  return ret;
}

// CHECK: candidates 5, converted 0, refused 5
