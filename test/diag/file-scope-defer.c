/* SPDX-License-Identifier: MIT */
// A defer statement outside any function body is an error at the defer (a
// fatal one is accepted: compilation may stop there). Parse errors that
// follow from it are allowed, but nothing may be reported for the valid
// function before it.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s

#include <stdio.h>

int valid(int x) {
  defer x = 0;
  return x;
}

// CHECK-NOT: {{error|warning}}:
// CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: {{(fatal )?}}error: 'defer' statement outside a function body
defer puts("at file scope");
