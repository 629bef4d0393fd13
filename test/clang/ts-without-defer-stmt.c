/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// UNSUPPORTED: native-defer-ts
// The TS's block-scoped statement is Clang's own _Defer, which Clang has
// from 22: a plugin built for an older Clang says so, once, and stops.
// RUN: not %cc -fplugin-arg-defer-ts -c %s -o /dev/null 2>&1 | FileCheck %s
// CHECK: fatal error: -fplugin-arg-defer-ts needs Clang's own _Defer, which Clang {{[0-9.]+}} does not have (Clang 22 has it)
// CHECK-NOT: error:

int f(void) {
  { defer (void)0; }
  return 0;
}
