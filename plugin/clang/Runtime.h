/* SPDX-License-Identifier: MIT */
// The types and entry points of libdefer's interface, built as Clang
// declarations from its one description, runtime/include/defer-abi.def,
// which <defer-runtime.h> declares in C: every struct, field,
// thread-local and entry by the name the table gives it (rt.frame_mark_cur,
// rt.alloc_fn, ...).

#ifndef DEFER_CLANG_RUNTIME_H
#define DEFER_CLANG_RUNTIME_H

#include "Build.h"

namespace defer_clang {

struct Runtime {
#define DEFER_ABI_STRUCT(name, tag) clang::RecordDecl *name##_type = nullptr;
#define DEFER_ABI_FIELD(name, field, type)                                     \
  clang::FieldDecl *name##_##field = nullptr;
#define DEFER_ABI_TLS(name, symbol, type) clang::VarDecl *name = nullptr;
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)                           \
  clang::FunctionDecl *name##_fn = nullptr;
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                       \
  clang::FunctionDecl *name##_fn = nullptr;
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                   \
  clang::FunctionDecl *name##_fn = nullptr;
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)           \
  clang::FunctionDecl *name##_fn = nullptr;
#include "abi-table.h"

  clang::QualType recordPtr, charPtr;

  explicit Runtime(Builder &b);

  // Whether code built since needs libdefer: refers to one of its
  // functions or variables, other than weakly.
  bool used() const;
};

} // namespace defer_clang

#endif
