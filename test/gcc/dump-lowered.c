/* SPDX-License-Identifier: MIT */
// -fplugin-arg-defer-dump prints the lowered function to stderr: its name
// and the mask variable of the open-coded lowering appear.
// REQUIRES: gcc
// RUN: %cc -fplugin-arg-defer-dump -c %s -o /dev/null 2>&1 | FileCheck %s

extern void use(int);

// CHECK: lowered_function
// CHECK: __defer_mask
void lowered_function(int x) {
  defer use(1);
  if (x) {
    use(0);
    defer use(2);
  }
  use(3);
}
