/* SPDX-License-Identifier: MIT */
// Loops and goto cycles whose counters bound their defers keep the records
// in frame arrays (test/diag/loop-bounds.c): each runs up to its bound, so
// an array one record too short would be overrun, which AddressSanitizer
// reports.  The loops next to them that look counted but are not (a
// second write, a counter that wraps, a loop entered again) register more
// than the naive count, from the pool, and still run every block.
// REQUIRES: asan
// RUN: %cc -O0 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int runs, sum;

static void count(int v) {
  runs++;
  sum += v;
}

static void counted(int n) {
  for (int i = 0; i <= 2; ++i)
    defer count(i);
  int w = 1;
  while (w < 4) {
    w++;
    if (w == n)
      continue;
    defer count(w);
  }
  int d = 5;
  do {
    ++d;
    defer count(d);
  } while (d < 3);
  unsigned char c = 0;
  while (c != 100) {
    c++;
    defer count(c);
  }
  for (int i = 0; i < 4; i++) {
    if (n & i)
      goto skip;
    defer count(i);
  skip:;
    int tries = n;
  again:
    if (--tries > 0)
      goto again;
  }
  int tries = 0;
retry:
  defer count(tries);
  if (++tries < 3)
    goto retry;
  for (int i = 0; i < 2; i++) {
    int g = 0;
  again2:
    defer count(i);
    if (++g < 4)
      goto again2;
  }
back:
  if (--n > 0)
    goto back;
}

#pragma clang diagnostic ignored "-Wtautological-constant-out-of-range-compare"

// Each look-alike in a function of its own, so that nothing else in the
// function (a backward goto) gives up the count for it.
static void late_start(int n) {
  int late = 0;
  late = n;
  for (; late < 3; late++)
    defer count(1);
}

static void narrow_counter(void) {
  int laps = 0;
  for (signed char s = 0; s < 200; s++) {
    defer count(1);
    if (s == 127 && ++laps == 2)
      break;
  }
}

static void entered_again(void) {
  int again = 3;
top:
  for (int i = 0; i < 3; i++) {
    if (again-- > 0)
      goto top;
    defer count(1);
  }
}

int main(void) {
  counted(0);
  printf("counted: %d runs, sum %d\n", runs, sum);
  runs = sum = 0;
  counted(3);
  printf("counted(3): %d runs, sum %d\n", runs, sum);
  runs = 0;
  late_start(-100);
  narrow_counter();
  entered_again();
  printf("uncounted: %d runs\n", runs);
  return 0;
}

// 3 (for) + 3 (while) + 1 (do) + 100 (unsigned char) + 4 (goto skip)
// + 3 (retry cycle) + 2 * 4 (cycle in a loop) runs; the blocks read w, d,
// c and tries, declared before their loops and cycles, at exit (4, 6, 100
// and 3), and copy the for loops' i:
// 3 + 3 * 4 + 6 + 100 * 100 + 6 + 3 * 3 + 4
// CHECK: counted: 122 runs, sum 10040
// n = 3: the while skips w == 3, the goto skips i = 1, 2 and 3
// CHECK-NEXT: counted(3): 118 runs, sum 10030
// 103 + (256 + 128) + 3
// CHECK-NEXT: uncounted: 490 runs
