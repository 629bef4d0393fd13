/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic through a frame that libdefer's frame walker leaves to libgcc: a
// C++ function, whose personality routine decides what its frame does (it
// runs the destructor).  libgcc unwinds from there until the next landing
// pad, whose resume hands the panic back to the walker.  Every deferred
// block and the destructor run once, in order, and the recover works; the
// same with LIBDEFER_UNWIND=system, which leaves every frame to libgcc.
// RUN: %cc -O0 -c %s -o %t.O0.o
// RUN: %cxx -O0 %S/Inputs/cxx-frame.cc %t.O0.o %libdefer -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc -O2 -c %s -o %t.O2.o
// RUN: %cxx -O2 %S/Inputs/cxx-frame.cc %t.O2.o %libdefer -o %t.O2 && %t.O2 | FileCheck %s
// RUN: env LIBDEFER_UNWIND=system %t.O2 | FileCheck %s

#include <defer.h>
#include <stdio.h>

void cxx_frame(void (*callback)(int), int n);

__attribute__((noinline)) static void inner(int n) {
  defer printf("inner %d\n", n);
  if (n == 0)
    defer_panic("deep");
  inner(n - 1);
}

__attribute__((noinline)) static void middle(int n) {
  defer printf("middle %d\n", n);
  cxx_frame(inner, n);
}

__attribute__((noinline)) static void plain(int n) {
  middle(n); // no defer here: a frame passed through
}

__attribute__((noinline)) static int top(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    if (p) {
      printf("recovered %s\n", p->message);
      defer_result = 7;
    }
  }
  plain(2);
  return 0;
}

int main(void) {
  for (int i = 0; i < 3; i++) // the second and third use cached rules
    printf("top %d\n", top());
  return 0;
}

// CHECK:         inner 0
// CHECK-NEXT:    inner 1
// CHECK-NEXT:    inner 2
// CHECK-NEXT:    c++ destructor 2
// CHECK-NEXT:    middle 2
// CHECK-NEXT:    recovered deep
// CHECK-NEXT:    top 7
// CHECK-NEXT:    inner 0
// CHECK-NEXT:    inner 1
// CHECK-NEXT:    inner 2
// CHECK-NEXT:    c++ destructor 2
// CHECK-NEXT:    middle 2
// CHECK-NEXT:    recovered deep
// CHECK-NEXT:    top 7
// CHECK-NEXT:    inner 0
// CHECK-NEXT:    inner 1
// CHECK-NEXT:    inner 2
// CHECK-NEXT:    c++ destructor 2
// CHECK-NEXT:    middle 2
// CHECK-NEXT:    recovered deep
// CHECK-NEXT:    top 7
