/* SPDX-License-Identifier: MIT */
// Deferred blocks run from records read the function's variables at
// exit, also on the unwinding paths of calls made before anything was
// registered; GCC cannot tell those paths apart, and used to warn that
// such variables "may be used uninitialized".  Ordinary code with loop
// defers builds cleanly with -Wall -Wextra -Werror at every level.
// RUN: %cc -O1 -Wall -Wextra -Werror -c %s -o /dev/null
// RUN: %cc -O2 -Wall -Wextra -Werror -c %s -o /dev/null
// RUN: %cc -O3 -Wall -Wextra -Werror -c %s -o /dev/null
// RUN: %cc -Os -Wall -Wextra -Werror -c %s -o /dev/null
#include <stdio.h>
#include <stdlib.h>

void cycle(int n) {
  printf("cycle(%d)\n", n);
  int outer = 100;
  int k = 0;
again:;
  int inner = k * 10;
  defer printf("%d %d %d\n", inner, outer, k);
  outer++;
  if (++k < n)
    goto again;
}

int loop(int n) {
  printf("loop(%d)\n", n);
  int total = 0;
  for (int i = 0; i < n; i++) {
    char *p = malloc(8);
    if (!p)
      return -1;
    defer {
      total += p[0] != 0;
      free(p);
    }
    p[0] = (char)i;
  }
  return total;
}
