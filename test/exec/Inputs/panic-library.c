/* SPDX-License-Identifier: MIT */
// A library whose function runs a callback under a defer, built in two
// variants with different frames, for panic-dlclose.c.
#include <defer.h>
#include <stdio.h>

#ifndef VARIANT
#define VARIANT 1
#endif

__attribute__((noinline)) void library_run(void (*callback)(int), int n) {
#if VARIANT == 2
  volatile long spill[32]; // a bigger frame, other saved registers
  for (int i = 0; i < 32; i++)
    spill[i] = i * n;
  defer printf("variant 2 block %ld\n", spill[31] / 31);
#else
  defer printf("variant 1 block %d\n", n);
#endif
  callback(n);
}
