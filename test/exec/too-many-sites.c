/* SPDX-License-Identifier: MIT */
// A function with more defer sites than the open-coded mask holds (64)
// uses run-time records and keeps the same meaning: 70 sites, every third
// one conditional, run newest first, only the registered ones.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// The report is a note under GCC, a remark under Clang (see docs/REFERENCE.md, "Options").
// RUN: %cc -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT
#include <stdio.h>

static int trace[80], n;

static void seventy(int skip_every_third) {
  defer trace[n++] = 0;
  defer trace[n++] = 1;
  if (!skip_every_third) defer trace[n++] = 2;
  defer trace[n++] = 3;
  defer trace[n++] = 4;
  if (!skip_every_third) defer trace[n++] = 5;
  defer trace[n++] = 6;
  defer trace[n++] = 7;
  if (!skip_every_third) defer trace[n++] = 8;
  defer trace[n++] = 9;
  defer trace[n++] = 10;
  if (!skip_every_third) defer trace[n++] = 11;
  defer trace[n++] = 12;
  defer trace[n++] = 13;
  if (!skip_every_third) defer trace[n++] = 14;
  defer trace[n++] = 15;
  defer trace[n++] = 16;
  if (!skip_every_third) defer trace[n++] = 17;
  defer trace[n++] = 18;
  defer trace[n++] = 19;
  if (!skip_every_third) defer trace[n++] = 20;
  defer trace[n++] = 21;
  defer trace[n++] = 22;
  if (!skip_every_third) defer trace[n++] = 23;
  defer trace[n++] = 24;
  defer trace[n++] = 25;
  if (!skip_every_third) defer trace[n++] = 26;
  defer trace[n++] = 27;
  defer trace[n++] = 28;
  if (!skip_every_third) defer trace[n++] = 29;
  defer trace[n++] = 30;
  defer trace[n++] = 31;
  if (!skip_every_third) defer trace[n++] = 32;
  defer trace[n++] = 33;
  defer trace[n++] = 34;
  if (!skip_every_third) defer trace[n++] = 35;
  defer trace[n++] = 36;
  defer trace[n++] = 37;
  if (!skip_every_third) defer trace[n++] = 38;
  defer trace[n++] = 39;
  defer trace[n++] = 40;
  if (!skip_every_third) defer trace[n++] = 41;
  defer trace[n++] = 42;
  defer trace[n++] = 43;
  if (!skip_every_third) defer trace[n++] = 44;
  defer trace[n++] = 45;
  defer trace[n++] = 46;
  if (!skip_every_third) defer trace[n++] = 47;
  defer trace[n++] = 48;
  defer trace[n++] = 49;
  if (!skip_every_third) defer trace[n++] = 50;
  defer trace[n++] = 51;
  defer trace[n++] = 52;
  if (!skip_every_third) defer trace[n++] = 53;
  defer trace[n++] = 54;
  defer trace[n++] = 55;
  if (!skip_every_third) defer trace[n++] = 56;
  defer trace[n++] = 57;
  defer trace[n++] = 58;
  if (!skip_every_third) defer trace[n++] = 59;
  defer trace[n++] = 60;
  defer trace[n++] = 61;
  if (!skip_every_third) defer trace[n++] = 62;
  defer trace[n++] = 63;
  defer trace[n++] = 64;
  if (!skip_every_third) defer trace[n++] = 65;
  defer trace[n++] = 66;
  defer trace[n++] = 67;
  if (!skip_every_third) defer trace[n++] = 68;
  defer trace[n++] = 69;
}

static void print(const char *what) {
  printf("%s:", what);
  for (int i = 0; i < n; i++)
    printf(" %d", trace[i]);
  printf("\n");
  n = 0;
}

int main(void) {
  seventy(0);
  print("all");
  seventy(1);
  print("skip");
  return 0;
}
// CHECK: all: 69 68 67 66 65 64 63 62 61 60 59 58 57 56 55 54 53 52 51 50 49 48 47 46 45 44 43 42 41 40 39 38 37 36 35 34 33 32 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0
// CHECK: skip: 69 67 66 64 63 61 60 58 57 55 54 52 51 49 48 46 45 43 42 40 39 37 36 34 33 31 30 28 27 25 24 22 21 19 18 16 15 13 12 10 9 7 6 4 3 1 0
// REPORT: {{note|remark}}: 'defer' uses run-time records: 'seventy' has more than 64 'defer' statements
