/* SPDX-License-Identifier: MIT */
// Forty defer sites in one function, every fifth one conditional, run
// newest first; the conditional ones run only when their condition held.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static char trace[256];
static int pos;

static void out(int n) {
  pos += snprintf(trace + pos, sizeof trace - (size_t)pos, " %d", n);
}

static void forty(int c) {
  defer out(1);
  defer out(2);
  defer out(3);
  defer out(4);
  if (c)
    defer out(5);
  defer out(6);
  defer out(7);
  defer out(8);
  defer out(9);
  if (c)
    defer out(10);
  defer out(11);
  defer out(12);
  defer out(13);
  defer out(14);
  if (c)
    defer out(15);
  defer out(16);
  defer out(17);
  defer out(18);
  defer out(19);
  if (c)
    defer out(20);
  defer out(21);
  defer out(22);
  defer out(23);
  defer out(24);
  if (c)
    defer out(25);
  defer out(26);
  defer out(27);
  defer out(28);
  defer out(29);
  if (c)
    defer out(30);
  defer out(31);
  defer out(32);
  defer out(33);
  defer out(34);
  if (c)
    defer out(35);
  defer out(36);
  defer out(37);
  defer out(38);
  defer out(39);
  if (c)
    defer out(40);
  pos = 0;
  trace[0] = 0;
}

int main(void) {
  forty(1);
  printf("c=1:%s\n", trace);
  forty(0);
  printf("c=0:%s\n", trace);
  return 0;
}

// CHECK:      c=1: 40 39 38 37 36 35 34 33 32 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1
// CHECK-NEXT: c=0: 39 38 37 36 34 33 32 31 29 28 27 26 24 23 22 21 19 18 17 16 14 13 12 11 9 8 7 6 4 3 2 1
