// REQUIRES: unwind
// Two units that both use defer, linked with link-time optimisation: the
// link succeeds however the units' code is partitioned, and a panic raised
// in one unit runs the deferred blocks of both on its way to the recover in
// this one.  GCC gives each unit's landing pads a resume stub (see the
// README's Panics section); several of them meet in one partition.  Fat
// objects link with and without -flto.
// RUN: %cc -O2 -flto %s %S/Inputs/lto-unit.c -o %t && %t | FileCheck %s
// RUN: %if gcc %{ %cc -O2 -flto -flto-partition=one %s %S/Inputs/lto-unit.c -o %t.one && %t.one | FileCheck %s %}
// RUN: %if gcc %{ %cc -O2 -flto -ffat-lto-objects -c %s -o %t.main.o %}
// RUN: %if gcc %{ %cc -O2 -flto -ffat-lto-objects -c %S/Inputs/lto-unit.c -o %t.unit.o %}
// RUN: %if gcc %{ %cc -O2 -flto %t.main.o %t.unit.o -o %t.fat && %t.fat | FileCheck %s %}
// RUN: %if gcc %{ %cc -O2 -fno-lto %t.main.o %t.unit.o -o %t.nolto && %t.nolto | FileCheck %s %}
#include <defer.h>
#include <stdio.h>

int twice(int x);
void down(int n);

__attribute__((noinline)) static int top(void) {
  defer {
    if (defer_recover())
      defer_result = 1;
  }
  defer printf("top %d\n", twice(21));
  down(2);
  return 0;
}

int main(void) {
  printf("recovered %d\n", top());
  return 0;
}

// CHECK:      block 0
// CHECK-NEXT: block 1
// CHECK-NEXT: block 2
// CHECK-NEXT: twice 21
// CHECK-NEXT: top 42
// CHECK-NEXT: recovered 1
