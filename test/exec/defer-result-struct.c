/* SPDX-License-Identifier: MIT */
// defer_result in a function returning a struct (small, and large enough to
// be returned through memory) is an lvalue of that struct type: the whole
// value and its members can be read, and members or the whole value replaced.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>

struct vec {
  int x, y;
};

static struct vec mkvec(int x, int y) {
  defer {
    struct vec seen = defer_result;
    printf("  mkvec: result was {%d, %d}\n", seen.x, seen.y);
    if (x < 0)
      defer_result = (struct vec){0, 0};
    else
      defer_result.x += 100;
  }
  struct vec v = {x, y};
  return v;
}

struct big {
  long v[16];
};

static struct big mkbig(long seed) {
  struct big b;
  for (int i = 0; i < 16; i++)
    b.v[i] = seed;
  defer {
    printf("  mkbig: result v[15] was %ld\n", defer_result.v[15]);
    defer_result.v[15] = -seed;
    b.v[0] = 0;
  }
  return b;
}

int main(void) {
  struct vec v = mkvec(1, 2);
  printf("mkvec(1, 2) = {%d, %d}\n", v.x, v.y);
  v = mkvec(-1, 2);
  printf("mkvec(-1, 2) = {%d, %d}\n", v.x, v.y);
  struct big b = mkbig(9);
  printf("mkbig(9): v[0]=%ld v[14]=%ld v[15]=%ld\n", b.v[0], b.v[14], b.v[15]);
  return 0;
}

// CHECK:        mkvec: result was {1, 2}
// CHECK-NEXT: mkvec(1, 2) = {101, 2}
// CHECK-NEXT:   mkvec: result was {-1, 2}
// CHECK-NEXT: mkvec(-1, 2) = {0, 0}
// CHECK-NEXT:   mkbig: result v[15] was 9
// CHECK-NEXT: mkbig(9): v[0]=9 v[14]=9 v[15]=-9
