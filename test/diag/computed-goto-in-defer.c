/* SPDX-License-Identifier: MIT */
// A computed goto inside a deferred block whose possible targets lie outside
// the block is an error at the goto, with a note at the defer; a computed
// goto around a defer is fine (exec/body-computed-goto.c has one that
// stays inside the block).
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

void use(int);

int valid_around(int x) {
  void *around = x ? &&one : &&two;
  defer use(0);
  goto *around;
one:
  use(3);
two:
  return x;
}

#ifndef VALID_ONLY
int bad(int x) {
  void *target = &&out;
  defer {
    if (x)
      goto *target;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this indirect goto statement to one of its possible targets
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: jump exits a defer statement
  }
  x = 2;
out:
  return x;
}
#endif
