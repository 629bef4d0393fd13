// REQUIRES: clang
// The open-coded lowering under Clang, in LLVM IR: no run-time calls on the normal path, and
// at -O2 no mask left where registration is unconditional; the releases
// run newest first at each exit, the value computed before them.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefixes=CHECK,%if native-defer-ts %{NATIVE%} %else %{CATCH%}
// RUN: %cc -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=%if native-defer-ts %{O0%} %else %{O0-CATCH%}

void acquire(int);
void release(int);

// The unwinding path, after the return (in the catch-all handler before
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
// Before Clang 22 the handler comes first in the text; the normal path
// after it calls no libdefer either, and inside the try the exit's
// release keeps its landing pad.
// CATCH:        invoke void @acquire(i32 noundef 1)
// CATCH:        landingpad
// CATCH-NEXT:   catch ptr null
// CATCH:        call i32 @__libdefer_panicking()
// CATCH:        invoke void @acquire(i32 noundef 2)
// CATCH-NOT:    call {{.*}}@__libdefer
// CATCH:        invoke void @release(i32 noundef 2)
// CATCH-NOT:    call {{.*}}@__libdefer
// CATCH:        [[RV:%.*]] = phi i32
// CATCH-NEXT:   invoke void @release(i32 noundef 1)
// CATCH:        ret i32 [[RV]]
// CHECK:        declare extern_weak i32 @__libdefer_panicking()
// Each defer of f sits in f's outermost block: it is a Clang DeferStmt of
// its own, with its own landing pad, and no mask.
// O0-LABEL:    define {{.*}}i32 @f(
// O0-NOT:      __defer_mask
// O0:          landingpad
// O0:          landingpad
// O0:          }
// Before Clang 22: one catch-all handler for both defers.
// O0-CATCH-LABEL: define {{.*}}i32 @f(
// O0-CATCH:       landingpad
// O0-CATCH-NEXT:  catch ptr null
// O0-CATCH:       }
int f(int x) {
  acquire(1);
  defer release(1);
  if (x)
    return -1;
  acquire(2);
  defer release(2);
  return 0;
}
