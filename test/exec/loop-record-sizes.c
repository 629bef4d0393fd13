/* SPDX-License-Identifier: MIT */
// Bounded loops keep their records in the frame however unlike their
// sizes: a site that copies a 600-byte array three times next to one that
// copies an int a hundred times, and next to both a site that runs once.
// Each block sees its own registration's copies, newest first.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>

static char out[1024];
static int len;

static void put(int c) { out[len++] = (char)c; }

static void unlike(int skip) {
  defer put('|');
  for (int i = 0; i < 3; i++) {
    char wide[600];
    memset(wide, 'a' + i, sizeof wide);
    defer put(wide[599]);
  }
  for (int j = 0; j < 100; j++) {
    if (j % 10 == skip)
      continue;
    defer put('0' + j % 10);
  }
}

int main(void) {
  unlike(3);
  out[len] = 0;
  // CHECK: 987654210987654210987654210987654210987654210987654210987654210987654210987654210987654210cba|
  puts(out);
  return 0;
}
