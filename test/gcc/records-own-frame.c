/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc
// A function whose records may come from libdefer's pool keeps a stack
// frame of its own (libdefer compares the stack positions of marks to find
// those a longjmp abandoned): it is not inlined, even where GCC would
// inline it, while a function with only frame records still is.
// RUN: %cc -O2 -c %s -o /dev/null -fdump-tree-optimized=- | FileCheck %s

void sink(int);

static void pooled(int n) {
  for (int i = 0; i < n; i++)
    defer sink(i);
}

static void bounded(void) {
  for (int i = 0; i < 4; i++)
    defer sink(i);
}

// CHECK-LABEL: void entry (int n)
// CHECK:     pooled (n
// CHECK-NOT: bounded (
// CHECK:     return;
void entry(int n) {
  pooled(n);
  bounded();
}
