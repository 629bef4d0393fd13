/* SPDX-License-Identifier: MIT */
// A variable copied per registration keeps the alignment its declaration
// asks for (_Alignas, the aligned attribute), not only its type's, in
// every storage: the frame array of a counted loop, the frame buffer and
// the per-thread pool of an uncounted one, over 16-byte vector loads.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// REQUIRES: asan
// RUN: %cc -O1 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.san && %t.san | FileCheck %s
#include <stdint.h>
#include <stdio.h>
#include <xmmintrin.h>

static int misaligned, sum;

static void check(const void *p, uintptr_t align) {
  if ((uintptr_t)p % align)
    misaligned++;
}

static void counted(void) {
  for (int k = 0; k < 5; k++) {
    char pad = (char)(k % 2); // between the record header and the copy
    _Alignas(16) float v[4] = {(float)k, 1, 2, 3};
    defer {
      check(v, 16);
      __m128 x = _mm_load_ps(v);
      sum += (int)_mm_cvtss_f32(x) + pad;
    }
  }
}

static void uncounted(int n) {
  for (int k = 0; k < n; k++) {
    char pad = (char)(k % 2);
    __attribute__((aligned(32))) float w[4] = {(float)k, 0, 0, 0};
    defer {
      check(w, 32);
      sum += (int)_mm_cvtss_f32(_mm_load_ps(w)) + pad;
    }
  }
}

int main(void) {
  counted();
  uncounted(3);    // the frame buffer
  uncounted(500);  // on to the pool
  printf("misaligned %d, sum %d\n", misaligned, sum);
  return 0;
}

// (0+1+2+3+4) + 2 + (0+1+2) + 1 + 499 * 500 / 2 + 250
// CHECK: misaligned 0, sum 125016
