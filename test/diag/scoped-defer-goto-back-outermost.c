/* SPDX-License-Identifier: MIT */
// Beside a Go-style defer, each _Defer of the function's outermost block
// runs once, as that block ends, after the Go-style blocks.  A goto back
// past one, which the TS says runs it and comes to it again, is refused
// by both plugins.  In a block of its own, or in a function without a
// Go-style defer, the same goto is fine (the ALLOWED part).
// REQUIRES: scoped-defer
// RUN: not %cc -fsyntax-only %s 2>&1 | FileCheck %s
// RUN: %cc -fsyntax-only -DALLOWED %s
#include <stdio.h>

#ifndef ALLOWED
int back(void) {
  int n = 0;
  defer puts("Go-style");
again:
  n++;
  _Defer printf("outer %d\n", n);
  if (n < 3)
    goto again;
  // CHECK: scoped-defer-goto-back-outermost.c:[[@LINE-1]]:5: error: goto back past a '_Defer' of the function's outermost block in a function with a Go-style 'defer' is not supported
  // CHECK: scoped-defer-goto-back-outermost.c:[[@LINE-4]]:3: note: '_Defer' statement is here
  return n;
}
#else
int inner(void) {
  int n = 0;
  defer puts("Go-style");
again:
  n++;
  {
    _Defer printf("inner %d\n", n);
    if (n < 3)
      goto again;
  }
  return n;
}

int lone(void) {
  int n = 0;
again:
  n++;
  _Defer printf("lone %d\n", n);
  if (n < 3)
    goto again;
  return n;
}
#endif
