/* SPDX-License-Identifier: MIT */
// After optimisation the open-coded lowering leaves no trace where every
// defer's registration is known on each path: no mask variable remains and
// the deferred calls follow the body in reverse order, as hand-written
// cleanup code would. A conditional defer keeps a branch guarding its block.
// REQUIRES: gcc
// RUN: %cc -O2 -c %s -o /dev/null -fdump-tree-optimized=- \
// RUN:   | FileCheck %s --implicit-check-not=__defer_site --implicit-check-not=defer_proc \
// RUN:       --implicit-check-not=deferproc --implicit-check-not=deferreturn

extern void a(void), b(void), c(void), d(void), work(void);
extern int check(int);

// CHECK-LABEL: ;; Function unconditional (
// CHECK-NOT:   __defer_mask
// CHECK:       work ();
// CHECK:       c ();
// CHECK:       b ();
// CHECK:       a ();
// CHECK-NOT:   __defer_mask
void unconditional(void) {
  defer a();
  defer b();
  defer c();
  work();
}

// Three exits, four defers: each exit knows statically which are registered.
// CHECK-LABEL: ;; Function three_exits (
// CHECK-NOT:   __defer_mask
int three_exits(int x) {
  defer a();
  if (check(x))
    return 1;
  defer b();
  defer c();
  if (check(x + 1))
    return 2;
  defer d();
  work();
  return 0;
}

// CHECK-LABEL: ;; Function conditional (
// CHECK:       if (
// CHECK:       a ();
void conditional(int x) {
  if (x)
    defer a();
  work();
}
