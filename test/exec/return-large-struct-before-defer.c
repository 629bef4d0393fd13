/* SPDX-License-Identifier: MIT */
// A large struct (more than 64 bytes, returned through memory) is copied to
// the caller before the deferred blocks run: their changes to the returned
// variable are invisible to the caller, also when it assigns to an object
// that already exists.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>

struct big {
  int v[32];
  char tag[16];
};

_Static_assert(sizeof(struct big) > 64, "struct big must be large");

static struct big make_big(int seed) {
  struct big b;
  for (int i = 0; i < 32; i++)
    b.v[i] = seed + i;
  strcpy(b.tag, "original");
  defer {
    for (int i = 0; i < 32; i++)
      b.v[i] = -1;
    strcpy(b.tag, "clobbered");
    puts("defer: clobbered b");
  }
  return b;
}

static void show(const char *what, const struct big *b) {
  long sum = 0;
  for (int i = 0; i < 32; i++)
    sum += b->v[i];
  printf("%s: v[0]=%d v[31]=%d sum=%ld tag=%s\n", what, b->v[0], b->v[31], sum,
         b->tag);
}

int main(void) {
  struct big r = make_big(10);
  show("init", &r);
  r = make_big(r.v[0] + 90);
  show("assign", &r);
  return 0;
}

// CHECK:      defer: clobbered b
// CHECK-NEXT: init: v[0]=10 v[31]=41 sum=816 tag=original
// CHECK-NEXT: defer: clobbered b
// CHECK-NEXT: assign: v[0]=100 v[31]=131 sum=3696 tag=original
