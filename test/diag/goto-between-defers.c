/* SPDX-License-Identifier: MIT */
// A goto from one deferred block to a label in another both exits the first
// and enters the second: one error at the goto, with a note at each defer.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

int across(int x) {
  defer {
    x = 1;
  target:
    x++;
  }
  defer {
    if (x)
      goto target;
  }
  return x;
}
// CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
// CHECK-DAG: {{.*}}.c:[[@LINE-7]]:{{[0-9]+}}: note: jump exits a defer statement
// CHECK-DAG: {{.*}}.c:[[@LINE-13]]:{{[0-9]+}}: note: jump enters a defer statement
