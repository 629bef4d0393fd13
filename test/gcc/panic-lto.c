/* SPDX-License-Identifier: MIT */
// Under -flto the landing pads, made at link time, still resume a panic
// through the __defer_resume stub (libdefer's frame walker), not through
// _Unwind_Resume; the panic runs every block and is recovered.
// REQUIRES: gcc
// RUN: %cc -O2 -flto %s -o %t && %t | FileCheck %s
// RUN: objdump -d --no-show-raw-insn %t | FileCheck %s --check-prefix=ASM

#include <defer.h>
#include <stdio.h>

__attribute__((noinline)) static void down(int n) {
  defer printf("block %d\n", n);
  if (n == 0)
    defer_panic("bottom");
  down(n - 1);
}

__attribute__((noinline)) static int top(void) {
  defer {
    if (defer_recover())
      defer_result = 1;
  }
  down(2);
  return 0;
}

int main(void) {
  printf("top %d\n", top());
  return 0;
}

// CHECK:      block 0
// CHECK-NEXT: block 1
// CHECK-NEXT: block 2
// CHECK-NEXT: top 1

// ASM-NOT: call {{.*}}<_Unwind_Resume@plt>
// ASM:     call {{.*}}<__defer_resume>
// ASM-NOT: call {{.*}}<_Unwind_Resume@plt>
// ASM:     <__defer_resume>:
