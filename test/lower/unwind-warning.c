/* SPDX-License-Identifier: MIT */
// Plain C has no unwinding path: a function with deferred blocks or
// _Defer statements that panics, exits its thread or recovers draws a
// warning at its name, in Clang's style, and is lowered all the same.
// REQUIRES: defer-lower
// RUN: %defer-lower %s -o %t.c -- -I%runtime-include 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %gcc -I%runtime-include -fsyntax-only %t.c

#include <defer.h>
#include <stdio.h>

// CHECK: unwind-warning.c:[[@LINE+1]]:13: warning: the deferred blocks of 'panics' do not run when a panic or pthread_exit unwinds it in plain C: compile it with the defer plugin for that [defer-lower-unwind]
static void panics(int n) {
  defer puts("done");
  if (n < 0)
    defer_panic("negative");
}

// CHECK: unwind-warning.c:[[@LINE+1]]:12: warning: defer_recover () in the deferred blocks of 'recovers' always returns a null pointer in plain C: no panic runs them [defer-lower-unwind]
static int recovers(void) {
  defer {
    if (defer_recover())
      defer_result = -1;
  }
  return 0;
}

// CHECK: unwind-warning.c:[[@LINE+1]]:13: warning: the _Defer statements of 'scoped' do not run when a panic or pthread_exit unwinds it in plain C: compile it with the defer plugin for that [defer-lower-unwind]
static void scoped(int n) {
  _Defer puts("done");
  if (n < 0)
    defer_panic("negative");
}

static void quiet(void) {
  defer puts("no unwinding seen here");
}

int main(void) {
  panics(1);
  scoped(1);
  quiet();
  return recovers();
}
