/* SPDX-License-Identifier: MIT */
// Stacked records take the slots C would give them: a char copy one
// byte, a short two, three chars three, an int four, and with several
// sites every slot a multiple of the function's largest alignment (at
// least 4, for the site number that ends it).  Loops of run-time trip
// counts around the frame buffer's and the pool blocks' boundaries; each
// deferred block checks its own copy, in exact reverse order.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines
// RUN: %if asan %{ %cc -O0 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.san0 && %t.san0 | FileCheck %s --match-full-lines %}
// RUN: %if asan %{ %cc -O2 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.san2 && %t.san2 | FileCheck %s --match-full-lines %}

#include <stdio.h>

struct three {
  char a, b, c;
};

static long expect;    /* the index the next deferred block must see */
static long checked;
static long wrong;
static int targets[97];

/* The block of index EXPECT ran, for a site of kind KIND out of KINDS.  */
static void seen(int ok, int kind, int kinds) {
  if (!ok || expect < 0 || (kinds && expect % kinds != kind)) {
    if (wrong++ < 5)
      printf("wrong: kind %d at index %ld\n", kind, expect);
  }
  expect--;
  checked++;
}

static char char_of(long i) { return (char)(i * 7 + 1); }
static short short_of(long i) { return (short)(i * 1031 - 7); }
static int int_of(long i) { return (int)(i * 100003 + 11); }
static long long llong_of(long i) { return (long long)i * 1000000007LL - 3; }
static struct three three_of(long i) {
  struct three t = {(char)i, (char)(i >> 3), (char)(i ^ 0x5a)};
  return t;
}
static double double_of(long i) { return (double)i + 0.25; }
static int *ptr_of(long i) { return &targets[i % 97]; }

static int same3(struct three x, struct three y) {
  return x.a == y.a && x.b == y.b && x.c == y.c;
}

__attribute__((noinline)) static void chars(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    char c = char_of(i);
    defer seen(c == char_of(expect), 0, 0);
  }
}

__attribute__((noinline)) static void shorts(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    short s = short_of(i);
    defer seen(s == short_of(expect), 0, 0);
  }
}

__attribute__((noinline)) static void ints(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    int v = int_of(i);
    defer seen(v == int_of(expect), 0, 0);
  }
}

__attribute__((noinline)) static void llongs(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    long long v = llong_of(i);
    defer seen(v == llong_of(expect), 0, 0);
  }
}

__attribute__((noinline)) static void threes(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    struct three t = three_of(i);
    defer seen(same3(t, three_of(expect)), 0, 0);
  }
}

__attribute__((noinline)) static void doubles(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    double d = double_of(i);
    defer seen(d == double_of(expect), 0, 0);
  }
}

__attribute__((noinline)) static void pointers(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    int *p = ptr_of(i);
    defer seen(p == ptr_of(expect), 0, 0);
  }
}

/* Nothing copied: the record is empty, and still takes a slot.  */
__attribute__((noinline)) static void empties(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++)
    defer seen(1, 0, 0);
}

/* Sites of 1-, 2- and 1-aligned copies: slots of 8 (the site number's
   alignment), in an order that depends on i.  */
__attribute__((noinline)) static void small_mix(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    switch (i % 3) {
    case 0: {
      char c = char_of(i);
      defer seen(c == char_of(expect), 0, 3);
      break;
    }
    case 1: {
      short s = short_of(i);
      defer seen(s == short_of(expect), 1, 3);
      break;
    }
    default: {
      struct three t = three_of(i);
      defer seen(same3(t, three_of(expect)), 2, 3);
      break;
    }
    }
  }
}

/* Every kind in one function, beside a site that runs once: slots of 8
   and 16 bytes, the double's and long long's alignment.  */
__attribute__((noinline)) static void all_mix(long n) {
  int first = 1;
  defer {
    if (!first || expect != -1)
      wrong++;
    checked++;
  }
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    switch (i % 8) {
    case 0: {
      char c = char_of(i);
      defer seen(c == char_of(expect), 0, 8);
      break;
    }
    case 1: {
      short s = short_of(i);
      defer seen(s == short_of(expect), 1, 8);
      break;
    }
    case 2: {
      int v = int_of(i);
      defer seen(v == int_of(expect), 2, 8);
      break;
    }
    case 3: {
      long long v = llong_of(i);
      defer seen(v == llong_of(expect), 3, 8);
      break;
    }
    case 4: {
      struct three t = three_of(i);
      defer seen(same3(t, three_of(expect)), 4, 8);
      break;
    }
    case 5: {
      double d = double_of(i);
      defer seen(d == double_of(expect), 5, 8);
      break;
    }
    case 6: {
      int *p = ptr_of(i);
      defer seen(p == ptr_of(expect), 6, 8);
      break;
    }
    default:
      defer seen(1, 7, 8);
      break;
    }
  }
}

/* Two copies of unlike alignment in one record (a 24-byte slot) beside
   a char site (8).  */
__attribute__((noinline)) static void pairs(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    if (i % 2) {
      char c = char_of(i);
      double d = double_of(i);
      defer seen(c == char_of(expect) && d == double_of(expect), 1, 2);
    } else {
      char c = char_of(i);
      defer seen(c == char_of(expect), 0, 2);
    }
  }
}

static void (*const tests[])(long) = {
    chars,   shorts,  ints,      llongs,  threes,
    doubles, pointers, empties, small_mix, all_mix,
    pairs,
};

static long run(long n) {
  long before = checked;
  for (unsigned k = 0; k < sizeof tests / sizeof *tests; k++) {
    tests[k](n);
    if (expect != -1 && wrong++ < 5)
      printf("wrong: test %u with %ld left %ld\n", k, n, expect + 1);
  }
  return checked - before;
}

int main(void) {
  static const long counts[] = {0, 1, 2, 1000, 5000, 20000};
  long total = 0;
  for (unsigned k = 0; k < sizeof counts / sizeof *counts; k++)
    total += run(counts[k]);
  /* Around the frame buffer's boundary for every slot size, and past it
     into the first pool block.  */
  for (long n = 28; n <= 36; n++)
    total += run(n);
  for (long n = 60; n <= 70; n++)
    total += run(n);
  for (long n = 120; n <= 132; n++)
    total += run(n);
  for (long n = 240; n <= 260; n++)
    total += run(n);
  /* The same counts again: the pool's blocks come back.  */
  for (long n = 1000; n <= 1010; n++)
    total += run(n);
  printf("checked %ld, wrong %ld\n", total, wrong);
  // CHECK: checked {{[0-9]+}}, wrong 0
  return wrong != 0;
}
