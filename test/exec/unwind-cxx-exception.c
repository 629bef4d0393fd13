/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A C++ exception passing through a C function compiled with the plugin (no -fexceptions needed)
// runs that function's pending deferred blocks, newest first, and only the
// registered ones.
// RUN: %cc -O0 -c %s -o %t.O0.o
// RUN: %cxx -O0 %S/Inputs/throw.cc %t.O0.o -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 -c %s -o %t.O2.o
// RUN: %cxx -O2 %S/Inputs/throw.cc %t.O2.o -o %t.O2 && %t.O2 | FileCheck %s
#include <stdio.h>

int c_with_defers(void (*callback)(void)) {
  defer puts("first registered");
  defer puts("second registered");
  callback();
  defer puts("never registered");
  return 0;
}

// CHECK-NOT: never registered
// CHECK: second registered
// CHECK-NEXT: first registered
// CHECK-NEXT: caught boom
