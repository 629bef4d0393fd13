/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// Two units that both use defer, linked with link-time optimisation: the
// link succeeds however the units' code is partitioned, and a panic raised
// in one unit runs the deferred blocks of both on its way to the recover in
// this one.  Fat objects link with and without -flto.  Under GCC the
// landing pads resume through a stub (docs/REFERENCE.md, "Panics and recover"): in
// every link-time partition, also when each function has one of its own.
// RUN: %cc -O2 -flto %s %S/Inputs/lto-unit.c -o %t && %t | FileCheck %s
// RUN: %if gcc %{ %cc -O2 -flto -flto-partition=one %s %S/Inputs/lto-unit.c -o %t.one && %t.one | FileCheck %s %}
// RUN: %if gcc %{ %cc -O2 -flto=1 -flto-partition=max %s %S/Inputs/lto-unit.c -o %t.max && %t.max | FileCheck %s %}
// RUN: %if gcc %{ objdump -d --no-show-raw-insn %t.max | FileCheck %s --check-prefix=ASM %}
// RUN: %if gcc %{ %cc -O2 -flto -ffat-lto-objects -c %s -o %t.main.o %}
// RUN: %if gcc %{ %cc -O2 -flto -ffat-lto-objects -c %S/Inputs/lto-unit.c -o %t.unit.o %}
// RUN: %if gcc %{ %cc -O2 -flto %t.main.o %t.unit.o -o %t.fat && %t.fat | FileCheck %s %}
// RUN: %if gcc %{ %cc -O2 -fno-lto %t.main.o %t.unit.o -o %t.nolto && %t.nolto | FileCheck %s %}
#include <defer.h>
#include <stdio.h>

int twice(int x);
void down(int n);

__attribute__((noinline)) static void middle(void) {
  defer puts("middle");
  down(2);
  puts("not reached");
}

__attribute__((noinline)) static int top(void) {
  defer {
    if (defer_recover())
      defer_result = 1;
  }
  defer printf("top %d\n", twice(21));
  middle();
  return 0;
}

int main(void) {
  printf("recovered %d\n", top());
  return 0;
}

// CHECK:      block 0
// CHECK-NEXT: block 1
// CHECK-NEXT: block 2
// CHECK-NEXT: middle
// CHECK-NEXT: twice 21
// CHECK-NEXT: top 42
// CHECK-NEXT: recovered 1

// The landing pads of middle and down, each in a partition of its own.
// ASM-NOT: call {{.*}}<_Unwind_Resume@plt>
// ASM:     call {{.*}}<__defer_resume>
// ASM-NOT: call {{.*}}<_Unwind_Resume@plt>
// ASM:     call {{.*}}<__defer_resume>
// ASM-NOT: call {{.*}}<_Unwind_Resume@plt>
