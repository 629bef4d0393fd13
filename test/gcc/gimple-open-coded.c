// The open-coded lowering, as GCC's gimplifier sees it: one per-invocation
// mask variable, a bit set where each defer executes (in source order), one
// try/finally around the body whose finally part tests the bits newest first
// and runs each guarded block inline. No run-time calls, no heap.
// REQUIRES: gcc
// RUN: %cc -O0 -c %s -o /dev/null -fdump-tree-gimple=- \
// RUN:   | FileCheck %s --implicit-check-not=__defer_site --implicit-check-not=defer_proc \
// RUN:       --implicit-check-not=deferproc --implicit-check-not=deferreturn \
// RUN:       '--implicit-check-not={{[A-Za-z_]*defer[A-Za-z_]*}} (' '--implicit-check-not=malloc ('

extern void first(void), second(void), third(void), work(void);

// CHECK-LABEL: three (int x)
// CHECK:       __defer_mask
// CHECK:       try
int three(int x) {
  defer first();
  // CHECK:     {{.*}}__defer_mask{{.*}} | 1;
  if (x)
    return 1;
  defer second();
  // CHECK:     {{.*}}__defer_mask{{.*}} | 2;
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
