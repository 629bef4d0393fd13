/* SPDX-License-Identifier: MIT */
// The second unit of lto-two-units.c: defers of its own, and a panic that
// unwinds them on its way to the first unit, which recovers it.
#include <defer.h>
#include <stdio.h>

__attribute__((noinline)) int twice(int x) {
  defer printf("twice %d\n", x);
  return 2 * x;
}

__attribute__((noinline)) void down(int n) {
  defer printf("block %d\n", n);
  if (n == 0)
    defer_panic("bottom");
  down(n - 1);
}
