/* SPDX-License-Identifier: MIT */
/* GNU nested functions with their own defers (GCC only). */
#include <stdio.h>
int f(int n) {
#ifndef __clang__
  int g(int k) { defer printf("g %d\n", k); return k + n; }
  defer puts("f");
  return g(n);
#else
  return n;
#endif
}
