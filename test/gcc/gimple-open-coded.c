/* SPDX-License-Identifier: MIT */
// The open-coded lowering, as GCC's gimplifier sees it.  No run-time
// calls, no heap, in either shape:
// - every defer in the function's outermost block (alone, or under an if
//   whose condition is stable): each is a try/finally from where it
//   stands to the end of the block, as the cleanup attribute makes, the
//   newest innermost, and no mask;
// - otherwise one per-invocation mask variable, a bit set where each defer
//   executes (in source order), one try/finally around the body whose
//   finally part tests the bits newest first and runs each guarded block
//   inline.
// REQUIRES: gcc
// RUN: %cc -O0 -c %s -o /dev/null -fdump-tree-gimple=- \
// RUN:   | FileCheck %s --implicit-check-not=__defer_site --implicit-check-not=defer_proc \
// RUN:       --implicit-check-not=deferproc --implicit-check-not=deferreturn \
// RUN:       '--implicit-check-not={{[A-Za-z_]*defer[A-Za-z_]*}} (' '--implicit-check-not=malloc ('

extern void first(void), second(void), third(void), work(void);

// CHECK-LABEL: three (int x)
// CHECK-NOT:   __defer_mask
// CHECK:       try
// CHECK:         __defer_rv = 1;
// CHECK:         try
// CHECK:           work ();
// CHECK:           try
// CHECK:             __defer_rv = 0;
// CHECK:           finally
// CHECK:             if (x > 5)
// CHECK:             third ();
// CHECK:         finally
// CHECK:           second ();
// CHECK:       finally
// CHECK:         first ();
// CHECK-NOT:   __defer_mask
// CHECK:       return
int three(int x) {
  defer first();
  if (x)
    return 1;
  defer second();
  work();
  if (x > 5)
    defer third();
  return 0;
}

// CHECK-LABEL: inner (int x)
// CHECK:       __defer_mask
// CHECK:       try
int inner(int x) {
  defer first();
  // CHECK:     {{.*}}__defer_mask{{.*}} | 1;
  if (x)
    return 1;
  if (x > 1) {
    work();
    defer second();
    // CHECK:   {{.*}}__defer_mask{{.*}} | 2;
  }
  work();
  if (x > 5)
    defer third();
  // CHECK:     {{.*}}__defer_mask{{.*}} | 4;
  return 0;
}
// CHECK:       finally
// CHECK:       {{.*}}__defer_mask{{.*}} & 4;
// CHECK:       third ();
// CHECK:       {{.*}}__defer_mask{{.*}} & 2;
// CHECK:       second ();
// CHECK:       {{.*}}__defer_mask{{.*}} & 1;
// CHECK:       first ();
