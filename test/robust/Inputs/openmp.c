/* SPDX-License-Identifier: MIT */
/* OpenMP constructs around and inside deferred blocks (rejected under
   -fopenmp; the pragmas are ignored without it). */
#include <stdio.h>
int f(int n) {
  int hits = 0;
#pragma omp parallel
  {
    defer printf("in region\n");
    for (int i = 0; i < n; i++) { defer __atomic_fetch_add(&hits, 1, 0); }
  }
  defer {
#pragma omp parallel for
    for (int i = 0; i < n; i++)
      printf("%d\n", i);
  }
  return hits;
}
static int g(int n) {
  defer {
#pragma omp parallel num_threads(2)
    { printf("in block region\n"); }
  }
  if (n)
    return 1;
  printf("body\n");
  return 0;
}
int h(void) { return g(0) + g(1); }
