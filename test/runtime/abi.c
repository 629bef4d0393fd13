/* SPDX-License-Identifier: MIT */
// The layout of the types that generated code shares with libdefer, as
// <defer-runtime.h> declares them from runtime/include/defer-abi.def, the
// table both plugins build the same types from: this pins down the x86-64
// ABI, whose change changes libdefer's soname.
// REQUIRES: gcc
// RUN: %cc-noplugin -I%runtime-include %s -o %t && %t | FileCheck %s --match-full-lines

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>

#include "defer-runtime.h"

#define FIELD(type, field)                                                  \
  printf("  " #field ": offset %zu, size %zu\n", offsetof(type, field),     \
         sizeof(((type *)0)->field))

int main(void) {
  printf("struct __defer_record: size %zu, align %zu\n",
         sizeof(struct __defer_record), alignof(struct __defer_record));
  FIELD(struct __defer_record, next);
  FIELD(struct __defer_record, site);
  // CHECK:      struct __defer_record: size 16, align 8
  // CHECK-NEXT:   next: offset 0, size 8
  // CHECK-NEXT:   site: offset 8, size 4

  printf("struct __defer_frame: size %zu, align %zu\n",
         sizeof(struct __defer_frame), alignof(struct __defer_frame));
  FIELD(struct __defer_frame, top);
  FIELD(struct __defer_frame, older);
  FIELD(struct __defer_frame, mark_chunk);
  FIELD(struct __defer_frame, mark_cur);
  // CHECK-NEXT: struct __defer_frame: size 32, align 8
  // CHECK-NEXT:   top: offset 0, size 8
  // CHECK-NEXT:   older: offset 8, size 8
  // CHECK-NEXT:   mark_chunk: offset 16, size 8
  // CHECK-NEXT:   mark_cur: offset 24, size 8

  /* The cursor that generated code bumps itself, and the granularity of
     pool storage it assumes.  */
  printf("struct __defer_pool_cursor: size %zu, align %zu\n",
         sizeof(struct __defer_pool_cursor),
         alignof(struct __defer_pool_cursor));
  FIELD(struct __defer_pool_cursor, cur);
  FIELD(struct __defer_pool_cursor, end);
  printf("__DEFER_POOL_ALIGN %d, __libdefer_pool size %zu\n",
         __DEFER_POOL_ALIGN, sizeof __libdefer_pool);
  // CHECK-NEXT: struct __defer_pool_cursor: size 16, align 8
  // CHECK-NEXT:   cur: offset 0, size 8
  // CHECK-NEXT:   end: offset 8, size 8
  // CHECK-NEXT: __DEFER_POOL_ALIGN 8, __libdefer_pool size 16
  return 0;
}
