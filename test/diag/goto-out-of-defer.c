/* SPDX-License-Identifier: MIT */
// A goto from inside a deferred block to a label outside it (after or
// before the defer) is an error at the goto, with a note at the defer; gotos and labels wholly inside one
// block are fine.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Clang warns that a block with a label runs on return only (see
// test/clang/label-warning.c): -Werror is for GCC here.
// RUN: %cc -DVALID_ONLY -Wall -Wextra %if gcc %{ -Werror %} -c %s -o /dev/null

int valid(int x) {
  defer {
    if (x > 10)
      goto inside;
    x = 1;
  inside:
    x++;
  }
  return x;
}

#ifndef VALID_ONLY
int bad(int x) {
  defer {
    if (x)
      goto out;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: jump exits a defer statement
  }
  x = 2;
out:
  return x;
}

int bad_backward(int x) {
again:
  x++;
  defer {
    if (x < 3)
      goto again;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: jump exits a defer statement
  }
  return x;
}
#endif
