/* SPDX-License-Identifier: MIT */
// Correct code with defers in loops and a goto cycle (run-time records),
// for the analysers of test/analysis: nothing leaks on any path.  With
// -DLEAK the releases are left out.
#include <defer.h>
#include <stdlib.h>

// At most 8 records, in the frame.
int counted(void) {
  int sum = 0;
  for (int i = 0; i < 8; i++) {
    char *counted_buf = malloc(8);
    if (!counted_buf)
      return -1;
#ifndef LEAK
    defer free(counted_buf);
#endif
    counted_buf[0] = (char)i;
    sum += counted_buf[0];
  }
  return sum;
}

// Records from the frame's buffer, then from libdefer's pool.
int uncounted(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) {
    char *pooled_buf = malloc(8);
    if (!pooled_buf)
      return -1;
#ifndef LEAK
    defer free(pooled_buf);
#endif
    pooled_buf[0] = (char)i;
    if (pooled_buf[0] > 10)
      return -2;
    sum += pooled_buf[0];
  }
  return sum;
}

// Two sites, one of them in a loop.
int two_sites(void) {
  char *first = malloc(8);
  if (!first)
    return -1;
#ifndef LEAK
  defer free(first);
#endif
  first[0] = 1;
  for (int i = 0; i < 3; i++) {
    char *each = malloc(8);
    if (!each)
      return -1;
#ifndef LEAK
    defer free(each);
#endif
    each[0] = first[0];
  }
  return first[0];
}

// A counted backward goto.
int cycle(void) {
  int g = 0;
again:;
  char *cycle_buf = malloc(8);
  if (!cycle_buf)
    return -1;
#ifndef LEAK
  defer free(cycle_buf);
#endif
  cycle_buf[0] = 1;
  if (++g < 3)
    goto again;
  return 0;
}
