/* SPDX-License-Identifier: MIT */
// Writes that the analysis cannot follow: an asm output that writes a
// loop counter leaves the loop uncounted (its records then cannot overrun
// a frame array sized by the count), and one that writes the guard of
// `if (c) defer X;` keeps the registration under the if (the exit does
// not test c again).  So do an asm memory operand and a narrowing cast of
// the counter in the loop's test or in a counted goto's.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// REQUIRES: asan
// RUN: %cc -O0 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.san && %t.san | FileCheck %s
// RUN: %cc -O2 -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.san2 && %t.san2 | FileCheck %s
#include <stdio.h>

static int runs;

static void asm_counter(void) {
  static int resets;
  for (int i = 0; i < 3; i++) {
    defer printf("%d ", i);
    if (i == 2 && resets++ == 0) {
      int zero = 0;
      __asm__ volatile("" : "=r"(i) : "0"(zero)); // back to 0: 5 passes
    }
  }
}

static void asm_memory_counter(void) {
  static int resets;
  for (int i = 0; i < 2; i++) {
    defer printf("%d ", i);
    if (i == 1 && resets++ == 0)
      __asm__ volatile("movl $0, %0" : "=m"(i));
  }
}

static void asm_guard(int c) {
  if (c)
    defer puts("asm guard: registered");
  __asm__ volatile("" : "=r"(c) : "0"(0));
}

static void narrowing_for(void) {
  // 200 is -56 as a signed char: the body runs for i = 200 .. 355.
  for (int i = 200; (signed char)i < 100; i++)
    defer runs++;
}

static void narrowing_goto(void) {
  int g = 200;
again:
  defer runs++;
  if ((signed char)++g < 100)
    goto again;
}

int main(void) {
  asm_counter();
  puts("");
  asm_memory_counter();
  puts("");
  asm_guard(1);
  narrowing_for();
  printf("narrowing for: %d\n", runs);
  runs = 0;
  narrowing_goto();
  printf("narrowing goto: %d\n", runs);
  return 0;
}

// CHECK:      2 1 2 1 0
// CHECK-NEXT: 1 1 0
// CHECK-NEXT: asm guard: registered
// CHECK-NEXT: narrowing for: 156
// CHECK-NEXT: narrowing goto: 156
