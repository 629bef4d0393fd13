/* SPDX-License-Identifier: MIT */
// GCC at -O2 crashed (a segmentation fault or bus error in the dce pass,
// reported in f2) on this program through the plugin; Clang got it
// right.  The fuzzer's reproducer (tools/fuzz/ts_fuzz.py, seed 237),
// shrunk by its statements.  The cause, GCC's EH cleanup and a landing
// pad of f2's first _Defer, is explained in scoped-defer-landing-pad.c.
// REQUIRES: scoped-defer
// GCC 11 refuses its `if (...) _Defer {...}` (a _Defer as the whole body of
// an if needs braces there; test/diag/scoped-defer-gcc11.c).
// UNSUPPORTED: gcc-11
// RUN: %cc -O0 %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// CHECK: f0 555 v=1
// CHECK-NEXT: f0 228
// CHECK-NEXT: f2 399 r.a=18
// CHECK-NEXT: main 64 -> 27
// CHECK-NEXT: main 209 -> 9
// CHECK-NEXT: main 249 -> 9
#include <stdio.h>

/* Large enough to be returned in memory, where NRVO applies. */
struct R { long a; long pad[7]; };

static long f0(long x);
static long f1(long x);
static struct R f2(long x);
static struct R f3(long x);

static long f0(long x) {
  long v = 1, w = 2, acc = 0;
  switch ((x >> 4) & 3) {
  case 0: {
    _Defer {
      printf("f0 228\n");
      acc = (acc * 5 + f2(x >> 1).a) % 1000003;
    }
    switch ((x >> 4) & 3) {
    case 0: {
      if ((x >> 5) & 1)
        _Defer {
          v = (v * 3 + 3) % 1000003;
        }
    }
    case 1: {
      _Defer {
        if ((x >> 6) & 1)
          printf("f0 555 v=%ld\n", (long)v);
        if ((x >> 1) & 1)
          acc = (acc * 5 + f3(x >> 1).a) % 1000003;
      }
    }
    case 2: {
    }
    default: break;
    }
  }
  case 1: {
  }
  case 2: {
  }
  default: break;
  }
  return (acc + v * 7 + w) % 1000003;
}

static long f1(long x) {
  long v = 1, w = 2, acc = 0;
  return (acc + v * 7 + w) % 1000003;
}

static struct R f2(long x) {
  long v = 1, w = 2, acc = 0;
  struct R r = {0};
  _Defer {
    for (int i10 = 0; i10 < 1; i10++)
      _Defer
        if ((x >> 5) & 1) {
          printf("f2 399 r.a=%ld\n", (long)r.a);
        }
  }
  acc = (acc * 5 + f3(x >> 1).a) % 1000003;
  _Defer {
    for (int i11 = 0; i11 < 1; i11++) {
      _Defer
        if (i11 == 1) {
          printf("f2 628\n");
        }
      for (int i12 = 0; i12 < 2; i12++) {
      }
    }
  }
  r.a = (r.a + acc + v * 7 + w) % 1000003;
  return r;
}

static struct R f3(long x) {
  long v = 1, w = 2, acc = 0;
  struct R r = {0};
  {
    long b16 = (v + 1) % 1000003;
    if ((x >> 3) & 1) {
      if ((x >> 3) & 1) {
        _Defer
          printf("f3 531 r.a=%ld\n", (long)r.a);
      }
      else ;
    }
    else ;
  }
  r.a = (r.a + acc + v * 7 + w) % 1000003;
  return r;
}

int main(void) {
  printf("main 64 -> %ld\n", (long)f0(64));
  printf("main 209 -> %ld\n", (long)f0(209));
  printf("main 249 -> %ld\n", (long)f0(249));
  return 0;
}
