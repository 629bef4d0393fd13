/* SPDX-License-Identifier: MIT */
// A case or default label inside a deferred block that belongs to a switch
// outside the block is an error at the label with a note at the defer; a
// switch wholly inside the block, and case labels before or after a defer,
// are fine.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

int valid(int x) {
  switch (x) {
  case 0:
    defer {
      switch (x) {
      case 1:
        x = 3;
        break;
      default:
        break;
      }
    }
    break;
  case 1:
    x = 4;
    break;
  }
  return x;
}

#ifndef VALID_ONLY
int bad_case(int x) {
  switch (x) {
  case 0:
    // CHECK: {{.*}}.c:[[@LINE+3]]:{{[0-9]+}}: error: cannot jump from switch statement to this case label
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: jump enters a defer statement
    defer {
    case 1:
      x = 1;
    }
    break;
  }
  return x;
}

int bad_default(int x) {
  switch (x) {
  case 0:
    // CHECK: {{.*}}.c:[[@LINE+3]]:{{[0-9]+}}: error: cannot jump from switch statement to this case label
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: jump enters a defer statement
    defer {
    default:
      x = 1;
    }
    break;
  }
  return x;
}
#endif
