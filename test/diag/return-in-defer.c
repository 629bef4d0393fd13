/* SPDX-License-Identifier: MIT */
// A return inside a deferred block (also one inside a statement expression
// in the block) is an error at the return, with a note at the defer keyword;
// returns outside deferred blocks, and defers that do not return, are fine.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

int valid(int x) {
  defer {
    if (x)
      x = 0;
  }
  if (x > 3)
    return 1;
  return x;
}

#ifndef VALID_ONLY
int plain_return(int x) {
  defer {
    if (x)
      return 1;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot return from a defer statement
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: 'defer' statement is here
  }
  return 0;
}

void void_return(int x) {
  defer return;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot return from a defer statement
  // CHECK: {{.*}}.c:[[@LINE-2]]:{{[0-9]+}}: note: 'defer' statement is here
  (void)x;
}

int in_statement_expression(int x) {
  defer {
    x = ({
      if (x)
        return 2;
      // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot return from a defer statement
      // CHECK: {{.*}}.c:[[@LINE-5]]:{{[0-9]+}}: note: 'defer' statement is here
      x + 1;
    });
  }
  return x;
}
#endif
