/* SPDX-License-Identifier: MIT */
/* defer in statement expressions, in a return value, nested. */
#include <stdio.h>
int f(int n) {
  int v = ({ defer puts("in stmt expr"); n + 1; });
  return ({ int w = ({ defer puts("inner"); v * 2; }); w; });
}
