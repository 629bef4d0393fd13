/* SPDX-License-Identifier: MIT */
/* defer inside macros, and a macro named like the keyword's parts. */
#include <stdio.h>
#define CLEANUP(x) defer printf("cleanup %d\n", x)
#define TWICE(s) s; s
int f(int n) {
  CLEANUP(n);
  TWICE(defer puts("twice"));
  return n;
}
