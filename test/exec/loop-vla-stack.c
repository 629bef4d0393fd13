/* SPDX-License-Identifier: MIT */
// A function whose stack pointer moves (a VLA, alloca) registers pooled
// loop defers and, after the VLA's scope, calls another function that
// pools records too: the callee must not take the caller's records for
// ones a longjmp abandoned (they are compared by stack position), so
// every record runs with its own value.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
#include <alloca.h>
#include <stdio.h>
#include <string.h>

static long sum;

__attribute__((noinline)) static void callee(int n) {
  for (int i = 0; i < n; i++)
    defer sum += 1000000L * i;
}

__attribute__((noinline)) static void with_vla(int n, int size) {
  {
    char vla[size];
    memset(vla, 1, sizeof vla);
    for (int i = 0; i < n; i++) {
      int one = vla[i];
      defer sum += i + one - 1;
    }
  }
  callee(n);
}

__attribute__((noinline)) static void with_alloca(int n, int size) {
  char *p = alloca(size);
  memset(p, 1, size);
  for (int i = 0; i < n; i++)
    defer sum += i + p[0] - 1;
  callee(n);
}

int main(void) {
  with_vla(100, 1 << 16);
  printf("vla: %ld\n", sum);
  sum = 0;
  with_alloca(100, 1 << 16);
  printf("alloca: %ld\n", sum);
  return 0;
}
// 0+..+99 = 4950 from the caller, 4950000000 from the callee.
// CHECK: vla: 4950004950
// CHECK: alloca: 4950004950
