// REQUIRES: clang
// The record lowering under Clang, in LLVM IR: a function with a loop
// defer bumps pool storage inline and calls libdefer only to take storage
// when the frame buffer or a chunk is full and to release it; it is not
// inlined (libdefer compares stack positions of marks); a function with
// only open-coded defers makes no such call.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s

void sink(int);

// CHECK-LABEL: define {{.*}}void @pooled(
// CHECK:       @__libdefer_pool
// CHECK:       call ptr @__libdefer_alloc(
// CHECK:       call void @sink(
// CHECK:       call void @__libdefer_release(
// CHECK:       }
void pooled(int n) {
  for (int i = 0; i < n; i++)
    defer sink(i);
}

// CHECK-LABEL: define {{.*}}void @once(
// CHECK-NOT:   __libdefer
// CHECK:       }
void once(int n) {
  defer sink(n);
}

// CHECK: attributes #{{[0-9]+}} = { noinline
