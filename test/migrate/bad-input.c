/* SPDX-License-Identifier: MIT */
// Code that does not compile is a diagnostic with its location and no
// output; an exit path written by macros is refused, not rewritten.
// REQUIRES: defer-migrate
// RUN: not %defer-migrate %s -- -DBROKEN 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: %defer-migrate --report %s -- | FileCheck %s --check-prefix=MACRO
// RUN: %defer-migrate %s -- > %t.c && diff %s %t.c

#include <stdlib.h>

#define RELEASE_P free(p);

int f(int n) {
  int ret = -1;
  char *p = NULL;
#ifdef BROKEN
  // SYNTAX: bad-input.c:[[@LINE+1]]:{{[0-9]+}}: error: expected ';'
  p = malloc(n) ret = 1;
#endif
  p = malloc(n);
  if (!p)
    goto out;
  ret = 0;
out:
  // MACRO: bad-input.c:[[@LINE-1]]: f ('out'): refused: the statement at line [[@LINE+1]] of the exit path is written inside a macro
  RELEASE_P
  return ret;
}
