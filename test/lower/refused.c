// What defer-lower cannot write as plain C is an error at the place, and
// nothing is printed: here a `defer` that a macro of the file expands to.
// REQUIRES: defer-lower
// RUN: not %defer-lower %s -o %t.c -- -I%runtime-include 2>&1 | FileCheck %s
// RUN: not test -e %t.c

#include <stdio.h>

#define CLOSE_LATER(f) defer fclose(f)

int main(void) {
  FILE *f = fopen("/dev/null", "r");
  if (!f)
    return 1;
  // CHECK: refused.c:[[@LINE+1]]:3: error: cannot lower to plain C: this 'defer' is written inside a macro
  CLOSE_LATER(f);
  return 0;
}
