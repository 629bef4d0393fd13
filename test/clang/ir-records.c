/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// The record lowering under Clang, in LLVM IR: a function with a loop
// defer bumps pool storage inline and calls libdefer only to grow into a
// block when the frame buffer or the last block is full and to release
// them; it is not inlined (libdefer compares stack positions of marks); a
// loop whose trip counts bound its defers keeps them in a frame array; a
// function with only open-coded defers calls no libdefer at all.  The
// blocks run on return inside the function's own unwinding region
// (invoke), so that a block that panics leaves the others to it.
// Without unwinding, records that all live in the frame are one array and
// a count, which LLVM folds away when the loops' trip counts are known:
// what is left is the blocks, newest first.
// RUN: %cc -O2 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cc -fplugin-arg-defer-no-unwind -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=FOLD

void sink(int);

// CHECK-LABEL: define {{.*}}void @pooled(
// CHECK:       call { ptr, ptr } @__libdefer_grow(
// CHECK:       invoke void @sink(
// CHECK:       call void @__libdefer_release(
// CHECK:       }
void pooled(int n) {
  for (int i = 0; i < n; i++)
    defer sink(i);
}

// CHECK-LABEL: define {{.*}}void @bounded(
// CHECK-NOT:   __libdefer
// CHECK:       invoke void @sink(
// CHECK-NOT:   __libdefer_{{alloc|reserve|release}}
// CHECK:       }
// FOLD-LABEL:  define {{.*}}void @bounded(
// FOLD-NOT:    alloca
// FOLD:        call void @sink(i32 noundef 11)
// FOLD-NEXT:   call void @sink(i32 noundef 10)
// FOLD-NEXT:   call void @sink(i32 noundef 9)
// FOLD:        call void @sink(i32 noundef 0)
// FOLD-NEXT:   ret void
void bounded(void) {
  for (int i = 0; i < 3; i++)
    for (int j = 0; j <= 3; ++j)
      defer sink(i * 4 + j);
}

// CHECK-LABEL: define {{.*}}void @once(
// CHECK-NOT:   __libdefer
// CHECK:       }
void once(int n) {
  defer sink(n);
}

// CHECK: attributes #{{[0-9]+}} = { noinline
