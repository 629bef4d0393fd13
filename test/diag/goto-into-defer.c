/* SPDX-License-Identifier: MIT */
// A goto from outside a deferred block to a label inside it (forward or
// backward) is an error at the goto, with a note at the defer; a forward goto past a whole defer
// statement is fine (the defer just stays unregistered).
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

int valid(int x) {
  if (x)
    goto past;
  defer x = 0;
past:
  return x;
}

#ifndef VALID_ONLY
int bad(int x) {
  if (x)
    goto in;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: jump enters a defer statement
  defer {
    x = 1;
  in:
    x++;
  }
  return x;
}

int bad_backward(int x) {
  defer {
    x = 1;
  back:
    x++;
  }
  if (x)
    goto back;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
  // CHECK: {{.*}}.c:[[@LINE-8]]:{{[0-9]+}}: note: jump enters a defer statement
  return x;
}
#endif
