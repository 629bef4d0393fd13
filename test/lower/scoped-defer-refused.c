/* SPDX-License-Identifier: MIT */
// What defer-lower cannot write as plain C for _Defer is an error at the
// place, and nothing is printed.  Beside Go-style defer, the cleanup of
// an outermost variable declared after an outermost _Defer would run
// after it, as the function returns, not before it; a computed goto out
// of a block with a _Defer has no way out to note.
// REQUIRES: defer-lower
// RUN: not %defer-lower %s -o %t.c -- -I%runtime-include 2>&1 | FileCheck %s
// RUN: not test -e %t.c

#include <defer.h>
#include <stdio.h>

static void say(const char **p) { puts(*p); }

static int late_cleanup(void) {
  defer puts("Go-style");
  _Defer puts("_Defer");
  // CHECK: scoped-defer-refused.c:[[@LINE+1]]:15: error: cannot lower to plain C: the cleanup of 'late' would run after the '_Defer's of the outermost block before it, not before them: declare it before the first of them
  const char *late __attribute__((cleanup(say))) = "cleanup";
  return 0;
}

static int computed(int c) {
  void *to = c ? &&one : &&two;
  {
    _Defer puts("_Defer");
    // CHECK: scoped-defer-refused.c:[[@LINE+1]]:5: error: cannot lower to plain C: a computed 'goto' leaves a block with a '_Defer', whose statement it would skip
    goto *to;
  }
one:
  return 1;
two:
  return 2;
}

int main(void) { return late_cleanup() + computed(1); }
