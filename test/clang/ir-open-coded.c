/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// The open-coded lowering under Clang, in LLVM IR: no run-time calls on the normal path, and
// at -O2 no mask left where registration is unconditional; the releases
// run newest first at each exit, the value computed before them.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefixes=CHECK,%if native-defer-ts %{NATIVE%} %else %{CATCH%}
// RUN: %cc -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0

void acquire(int);
void release(int);

// The unwinding path, after the return (in catch-all handlers before
// Clang 22), asks libdefer (a weak reference, so that open-coded defers
// need no library) whether a panic unwinds.
// CHECK-LABEL: define {{.*}}i32 @f(
// NATIVE:       {{call|invoke}} void @acquire(i32 noundef 1)
// NATIVE-NOT:   call {{.*}}@__libdefer
// NATIVE:       {{call|invoke}} void @acquire(i32 noundef 2)
// NATIVE-NOT:   call {{.*}}@__libdefer
// NATIVE:       {{call|invoke}} void @release(i32 noundef 2)
// NATIVE-NOT:   call {{.*}}@__libdefer
// NATIVE:       phi i32
// NATIVE-NEXT:  call void @release(i32 noundef 1)
// NATIVE-NEXT:  ret i32
// NATIVE:       call i32 @__libdefer_panicking()
// Before Clang 22 each defer opens a try whose catch-all handler asks
// libdefer, placed before the exit in the text: no mask either.
// CATCH:        {{call|invoke}} void @acquire(i32 noundef 1)
// CATCH-NOT:    call {{.*}}@__libdefer
// CATCH:        invoke void @acquire(i32 noundef 2)
// CATCH-NOT:    call {{.*}}@__libdefer
// CATCH:        invoke void @release(i32 noundef 2)
// CATCH:        landingpad
// CATCH-NEXT:   catch ptr null
// CATCH:        call i32 @__libdefer_panicking()
// CATCH:        {{^  (tail )?}}call void @release(i32 noundef 1)
// CATCH-NEXT:   ret i32
// CHECK:        declare extern_weak i32 @__libdefer_panicking()
// Each defer of f sits in f's outermost block: it is a Clang DeferStmt of
// its own (a try of its own before Clang 22), with its own landing pad,
// and no mask.
// O0-LABEL:    define {{.*}}i32 @f(
// O0-NOT:      __defer_mask
// O0:          landingpad
// O0:          landingpad
// O0:          }
int f(int x) {
  acquire(1);
  defer release(1);
  if (x)
    return -1;
  acquire(2);
  defer release(2);
  return 0;
}
