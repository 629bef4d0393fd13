/* SPDX-License-Identifier: MIT */
// A defer statement inside a deferred block is an error at the inner defer,
// with a note at the enclosing one; sibling defers are fine.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

int valid(int x) {
  defer x = 1;
  defer {
    x = 2;
  }
  return x;
}

#ifndef VALID_ONLY
int bad(int x) {
  defer {
    x = 1;
    defer x = 2;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: 'defer' statement inside a deferred block is not supported
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: enclosing 'defer' statement is here
  }
  return x;
}

int bad_direct(int x) {
  defer defer x = 3;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: 'defer' statement inside a deferred block is not supported
  // CHECK: {{.*}}.c:[[@LINE-2]]:{{[0-9]+}}: note: enclosing 'defer' statement is here
  return x;
}
#endif
