/* SPDX-License-Identifier: MIT */
// A deferred block names variables by reference: `defer free(buf)` frees the
// buffer that buf points to when the function returns, i.e. the one returned
// by a later realloc, and sees the contents written after the defer.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *expected;
static int frees;

static void checked_free(void *p) {
  printf("free: %s\n", p == expected ? "current buffer" : "stale buffer");
  frees++;
  free(p);
}

static size_t grow(void) {
  char *buf = malloc(16);
  if (!buf)
    return 0;
  defer checked_free(buf);
  defer printf("contents: %s\n", buf);
  strcpy(buf, "short");
  char *bigger = realloc(buf, 4096);
  if (!bigger)
    return 0;
  buf = bigger;
  expected = buf;
  strcat(buf, " and grown");
  return strlen(buf);
}

int main(void) {
  size_t n = grow();
  printf("grow() = %zu, frees = %d\n", n, frees);
  return 0;
}

// CHECK:      contents: short and grown
// CHECK-NEXT: free: current buffer
// CHECK-NEXT: grow() = 15, frees = 1
