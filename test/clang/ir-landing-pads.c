/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// Calls made while deferred blocks are pending keep their landing pads in
// LLVM IR: a callee glibc declares nothrow (raise) is invoked, and so is
// printf, which LLVM takes not to unwind; the module carries the flag
// that stops LLVM from turning invokes of nounwind callees into calls.
// Without unwinding support there is neither.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cc -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cc -O2 -fplugin-arg-defer-no-unwind -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefix=NO-UNWIND

#include <signal.h>
#include <stdio.h>

void release(int);

// CHECK-LABEL: define {{.*}}i32 @f(
// CHECK:       invoke i32 @raise(
// CHECK:       invoke i32 (ptr, ...) @printf(
// CHECK:       landingpad
// CHECK:       !{i32 2, !"eh-asynch", i32 1}
// NO-UNWIND-NOT: invoke
// NO-UNWIND-NOT: eh-asynch
int f(int sig) {
  defer release(1);
  raise(sig);
  printf("%d\n", sig);
  return 0;
}
