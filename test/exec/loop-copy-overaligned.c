/* SPDX-License-Identifier: MIT */
// Copies whose type needs more alignment than the pool gives (a struct
// aligned to 32, a long double) are aligned in every loop registration.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <stdint.h>
#include <stdio.h>

struct wide {
  _Alignas(32) unsigned char bytes[32];
};

static int misaligned;

static void check(const void *p, uintptr_t align) {
  if ((uintptr_t)p % align != 0)
    misaligned++;
}

static void run(int n) {
  for (int i = 0; i < n; i++) {
    struct wide w = {{(unsigned char)i}};
    long double x = i / 2.0L;
    char pad = (char)i; /* varies the offsets before the next record */
    defer {
      check(&w, 32);
      check(&x, _Alignof(long double));
      if (w.bytes[0] != (unsigned char)i || x != i / 2.0L || pad != (char)i)
        misaligned += 1000;
    }
  }
}

int main(void) {
  run(7);
  run(1000);
  printf("misaligned or wrong: %d\n", misaligned);
  return 0;
}
// CHECK: misaligned or wrong: 0
