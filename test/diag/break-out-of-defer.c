/* SPDX-License-Identifier: MIT */
// A break that would leave a deferred block (here: to the enclosing switch)
// is an error at the break with a note at the defer; a break belonging to a
// loop or switch inside the block is fine.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

int valid(int x) {
  defer {
    for (;;)
      break;
    while (x)
      break;
    do
      break;
    while (x);
    switch (x) {
    case 1:
      break;
    default:
      for (int i = 0; i < x; i++) {
        if (i > 2)
          break;
      }
      break;
    }
  }
  return x;
}

#ifndef VALID_ONLY
int bad(int x) {
  switch (x) {
  case 0:
    defer {
      if (x)
        break;
      // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot break out of a defer statement
      // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: 'defer' statement is here
    }
    break;
  default:
    break;
  }
  return x;
}
#endif
