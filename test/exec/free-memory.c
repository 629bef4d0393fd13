/* SPDX-License-Identifier: MIT */
// Defers free heap memory on every exit path: each successful allocation is
// freed exactly once, newest first, whichever return is taken.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int live;

static void *xmalloc(size_t n, const char *tag) {
  void *p = malloc(n);
  if (p) {
    live++;
    printf("  alloc %s\n", tag);
  }
  return p;
}

static void xfree(void *p, const char *tag) {
  live--;
  printf("  free %s\n", tag);
  free(p);
}

static int build(int fail_at) {
  printf("build(%d)\n", fail_at);
  char *a = xmalloc(32, "a");
  if (!a)
    return -1;
  defer xfree(a, "a");
  int *b = xmalloc(64 * sizeof *b, "b");
  if (!b)
    return -1;
  defer xfree(b, "b");
  if (fail_at == 2)
    return -2;
  double *c = xmalloc(8 * sizeof *c, "c");
  if (!c)
    return -1;
  defer xfree(c, "c");
  if (fail_at == 3)
    return -3;
  strcpy(a, "ok");
  b[63] = 63;
  c[7] = 7.0;
  return b[63] + (int)c[7] + (int)strlen(a);
}

int main(void) {
  int r = build(2);
  printf("returned %d, live %d\n", r, live);
  r = build(3);
  printf("returned %d, live %d\n", r, live);
  r = build(0);
  printf("returned %d, live %d\n", r, live);
  return 0;
}

// CHECK:      build(2)
// CHECK-NEXT:   alloc a
// CHECK-NEXT:   alloc b
// CHECK-NEXT:   free b
// CHECK-NEXT:   free a
// CHECK-NEXT: returned -2, live 0
// CHECK-NEXT: build(3)
// CHECK-NEXT:   alloc a
// CHECK-NEXT:   alloc b
// CHECK-NEXT:   alloc c
// CHECK-NEXT:   free c
// CHECK-NEXT:   free b
// CHECK-NEXT:   free a
// CHECK-NEXT: returned -3, live 0
// CHECK-NEXT: build(0)
// CHECK-NEXT:   alloc a
// CHECK-NEXT:   alloc b
// CHECK-NEXT:   alloc c
// CHECK-NEXT:   free c
// CHECK-NEXT:   free b
// CHECK-NEXT:   free a
// CHECK-NEXT: returned 72, live 0
