/* SPDX-License-Identifier: MIT */
// Clang 22's _Defer (-fdefer-ts) on the correct code of a deferred free:
// its CFG, which the static analyzer reads, evaluates the deferred
// statement where the _Defer stands.
#include <stdlib.h>

int use(char *p);

int deferred_free(int n) {
  char *p = malloc(8);
  if (!p)
    return -1;
  _Defer free(p);
  if (n > 3)
    return 1;
  return use(p);
}
