// REQUIRES: clang
// The open-coded lowering under Clang, in LLVM IR: no run-time calls, and
// at -O2 no mask left where registration is unconditional; the releases
// run newest first at each exit, the value computed before them.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cc -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0

void acquire(int);
void release(int);

// CHECK-LABEL: define {{.*}}i32 @f(
// CHECK-NOT:   __libdefer
// CHECK:       call void @acquire(i32 noundef 1)
// CHECK:       {{call|invoke}} void @acquire(i32 noundef 2)
// CHECK:       call void @release(i32 noundef 2)
// CHECK:       phi i32
// CHECK-NEXT:  call void @release(i32 noundef 1)
// CHECK-NEXT:  ret i32
// O0-LABEL:    define {{.*}}i32 @f(
// O0-NOT:      call {{.*}}@__libdefer
// O0:          or i32 {{.*}}, 1
// O0:          or i32 {{.*}}, 2
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
