/* SPDX-License-Identifier: MIT */
// The shape of the two lowerings after optimisation (-O2): a function with
// only open-coded defers calls nothing from libdefer; a function whose loop
// defers have a bound that the loops prove keeps its records in the frame
// and never calls the pool's allocator; a loop without such a bound takes
// its records from the pool and releases them at the exit.
// REQUIRES: gcc
// RUN: %cc -O2 -c %s -o /dev/null -fdump-tree-optimized=- > %t.dump
// RUN: FileCheck %s --check-prefix=OPEN < %t.dump
// RUN: FileCheck %s --check-prefix=BOUNDED < %t.dump
// RUN: FileCheck %s --check-prefix=POOL < %t.dump

extern void use(int);
extern void work(void);

// Each function's dump ends with a closing brace in column 0.

// OPEN-LABEL: ;; Function open_only (
// OPEN-NOT:   __libdefer_
// OPEN:       {{^}}}
void open_only(int x) {
  defer use(1);
  if (x)
    defer use(2);
  work();
}

// BOUNDED-LABEL: ;; Function bounded (
// BOUNDED-NOT:   __libdefer_{{alloc|reserve|release}}
// BOUNDED:       use (
// BOUNDED-NOT:   __libdefer_{{alloc|reserve|release}}
// BOUNDED:       {{^}}}
void bounded(void) {
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++)
      defer use(i * 4 + j);
  work();
}

// POOL-LABEL: ;; Function unbounded (
// POOL:       __libdefer_grow (
// POOL:       __libdefer_release (
// POOL:       {{^}}}
void unbounded(int n) {
  for (int i = 0; i < n; i++)
    defer use(i);
  work();
}
