/* SPDX-License-Identifier: MIT */
// The header that pch.c precompiles.  It holds no `defer` unless
// HEADER_DEFER is defined; then it has an inline function with one.
#ifndef PCH_HEADER_H
#define PCH_HEADER_H

#include <defer.h>
#include <stdio.h>

static inline int twice(int x) { return 2 * x; }

#ifdef HEADER_DEFER
static inline int traced(int x) {
  defer printf("traced %d\n", x);
  printf("tracing\n");
  return x + 1;
}
#else
static inline int traced(int x) {
  printf("tracing\n");
  return x + 1;
}
#endif

#endif
