/* SPDX-License-Identifier: MIT */
// A continue that would leave a deferred block for an enclosing loop is an
// error at the continue with a note at the defer; a continue belonging to a
// loop inside the block is fine, and so is the loop around the defer.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

int valid(int x) {
  defer {
    for (int i = 0; i < x; i++) {
      if (i % 2)
        continue;
      x += i;
    }
    while (x > 100) {
      x -= 7;
      continue;
    }
  }
  return x;
}

#ifndef VALID_ONLY
int bad(int x) {
  for (int i = 0; i < x; i++) {
    defer {
      if (x)
        continue;
      // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot continue loop outside of enclosing defer statement
      // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: 'defer' statement is here
    }
  }
  return x;
}
#endif
