/* SPDX-License-Identifier: MIT */
// Diagnostics point at the offending statement (the `goto` or inner `defer`
// keyword) and their notes at the `defer` keyword itself (exact columns;
// the file is indented with spaces only).  For `return expr;` and for an
// expression using `defer_result` the line is exact; the column is where
// the compiler records the statement (GCC: the returned expression and
// the operator), so it is not pinned.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

int ret(int x) {
  defer {
    if (x)
      return 1;
  }
  return 0;
}
// CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: error: cannot return from a defer statement
// CHECK: {{.*}}.c:[[@LINE-7]]:3: note: 'defer' statement is here

int into(int x) {
  if (x)
    goto in;
  x = 5;
    defer { in: x++; }
  return x;
}
// CHECK: {{.*}}.c:[[@LINE-5]]:5: error: cannot jump from this goto statement to its label
// CHECK: {{.*}}.c:[[@LINE-4]]:5: note: jump enters a defer statement

int nested(int x) {
  if (x) defer { x = 1; defer x = 2; }
  return x;
}
// CHECK: {{.*}}.c:[[@LINE-3]]:25: error: 'defer' statement inside a deferred block is not supported
// CHECK: {{.*}}.c:[[@LINE-4]]:10: note: enclosing 'defer' statement is here

#include <defer.h>

int result_outside(int x) {
  defer x = 0;
  x = 1 + defer_result;
  return x;
}
// CHECK: {{.*}}.c:[[@LINE-3]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}outside a deferred block
