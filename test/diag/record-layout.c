/* SPDX-License-Identifier: MIT */
// Where the records of a function all live in the frame, both plugins
// keep them in one array of a union of the record types, pushed and
// popped by a count; pooled records go on a stack popped by their sizes;
// the list of per-site records stays for setjmp, more than 64 sites, and
// sizes so unlike that the union would more than double the space.
// RUN: %cc -fplugin-arg-defer-dump -c %s -o /dev/null 2>&1 | FileCheck %s

#include <setjmp.h>

extern void use(int);

// CHECK-LABEL: ;; Function bounded (lowered by the defer plugin)
// CHECK:       union {{.*}}__defer_all[10];
// CHECK-NOT:   __defer_top
// CHECK-DAG:   __defer_all[__defer_n++{{ ?}}].r0
// CHECK-DAG:   __defer_all[{{ ?}}--__defer_n]
// CHECK-NOT:   __defer_top
void bounded(void) {
  defer use(-1);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      defer use(i * 3 + j);
}

// CHECK-LABEL: ;; Function unlike (lowered by the defer plugin)
// CHECK-NOT:   __defer_all
// CHECK:       __defer_top
void unlike(void) {
  for (int i = 0; i < 3; i++) {
    char wide[600] = {0};
    defer use(wide[i]);
  }
  for (int j = 0; j < 100; j++)
    defer use(j);
}

// Pooled records, those of the site that runs once too, go on one stack
// popped by size: no list.
// CHECK-LABEL: ;; Function pooled (lowered by the defer plugin)
// CHECK-NOT:   __defer_all
// CHECK-NOT:   __defer_top
// CHECK:       __defer_base
// CHECK-NOT:   __defer_top
// CHECK-LABEL: ;; Function jumps (lowered by the defer plugin)
void pooled(int n) {
  defer use(-1);
  for (int i = 0; i < n; i++)
    defer use(i);
}

// CHECK-NOT:   __defer_all
// CHECK:       __defer_frame.top
jmp_buf env;
void jumps(void) {
  for (int i = 0; i < 2; i++)
    defer use(i);
  if (setjmp(env))
    return;
}
