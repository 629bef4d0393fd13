// REQUIRES: clang
// The open-coded lowering under Clang, in LLVM IR: no run-time calls on the normal path, and
// at -O2 no mask left where registration is unconditional; the releases
// run newest first at each exit, the value computed before them.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cc -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0

void acquire(int);
void release(int);

// The unwinding path, after the return, asks libdefer (a weak reference,
// so that open-coded defers need no library) whether a panic unwinds.
// CHECK-LABEL: define {{.*}}i32 @f(
// CHECK:       {{call|invoke}} void @acquire(i32 noundef 1)
// CHECK-NOT:   call {{.*}}@__libdefer
// CHECK:       {{call|invoke}} void @acquire(i32 noundef 2)
// CHECK-NOT:   call {{.*}}@__libdefer
// CHECK:       {{call|invoke}} void @release(i32 noundef 2)
// CHECK-NOT:   call {{.*}}@__libdefer
// CHECK:       phi i32
// CHECK-NEXT:  call void @release(i32 noundef 1)
// CHECK-NEXT:  ret i32
// CHECK:       call i32 @__libdefer_panicking()
// CHECK:       declare extern_weak i32 @__libdefer_panicking()
// Each defer of f sits in f's outermost block: it is a Clang DeferStmt of
// its own, with its own landing pad, and no mask.
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
