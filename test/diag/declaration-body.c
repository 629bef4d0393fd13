/* SPDX-License-Identifier: MIT */
// The body of a defer must be a statement, not a declaration: `defer int x;`
// is an error at that line that says what to write instead.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s

int f(void) {
  defer int x;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: fatal error: a deferred statement cannot be a declaration: declare the variable before the 'defer', or put the declaration in braces
  return 0;
}
