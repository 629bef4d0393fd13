// SPDX-License-Identifier: MIT
// The run-time interface as Clang declarations (Runtime.h).

#include "Runtime.h"

#include "clang/AST/Attr.h"

using namespace clang;

namespace defer_clang {

namespace {

RecordDecl *startStruct(Builder &b, const char *tag) {
  ASTContext &ctx = b.ctx;
  auto *rd = RecordDecl::Create(ctx, TagTypeKind::Struct,
                                ctx.getTranslationUnitDecl(), b.loc, b.loc,
                                &ctx.Idents.get(tag));
  rd->setImplicit();
  rd->startDefinition();
  return rd;
}

FieldDecl *addField(Builder &b, RecordDecl *rd, const char *name,
                    QualType type) {
  ASTContext &ctx = b.ctx;
  auto *fd = FieldDecl::Create(ctx, rd, b.loc, b.loc, &ctx.Idents.get(name),
                               type, ctx.getTrivialTypeSourceInfo(type),
                               nullptr, false, ICIS_NoInit);
  fd->setAccess(AS_public);
  rd->addDecl(fd);
  return fd;
}

VarDecl *declareTLS(Builder &b, const char *name, QualType type) {
  ASTContext &ctx = b.ctx;
  auto *vd = VarDecl::Create(ctx, ctx.getTranslationUnitDecl(), b.loc, b.loc,
                             &ctx.Idents.get(name), type,
                             ctx.getTrivialTypeSourceInfo(type), SC_Extern);
  vd->setTSCSpec(TSCS__Thread_local);
  vd->addAttr(TLSModelAttr::CreateImplicit(ctx, "initial-exec"));
  vd->setImplicit();
  return vd;
}

// libdefer's plain entry points never unwind: plain calls, no landing
// pads (Builder::externFunction makes them nothrow).
FunctionDecl *declarePlain(Builder &b, const char *name, QualType result,
                           llvm::ArrayRef<QualType> params) {
  return b.externFunction(name, result, params);
}

// One that unwinds its caller does not return, and is no nothrow call.
FunctionDecl *declareUnwinds(Builder &b, const char *name, QualType result,
                             llvm::ArrayRef<QualType> params) {
  FunctionDecl *fn = b.externFunction(name, result, params);
  fn->dropAttr<NoThrowAttr>();
  fn->addAttr(NoReturnAttr::CreateImplicit(b.ctx));
  return fn;
}

} // namespace

Runtime::Runtime(Builder &b) {
  ASTContext &ctx = b.ctx;
  charPtr = ctx.getPointerType(ctx.CharTy);
  // The structs first, so that fields can point to any of them.
#define DEFER_ABI_STRUCT(name, tag) name##_type = startStruct(b, #tag);
#include "abi-table.h"
  recordPtr = ctx.getPointerType(b.type(record_type));

  // The Clang type of a type of the table.
#define DEFER_ABI_CLANG_void ctx.VoidTy
#define DEFER_ABI_CLANG_int ctx.IntTy
#define DEFER_ABI_CLANG_unsigned ctx.UnsignedIntTy
#define DEFER_ABI_CLANG_size ctx.getSizeType()
#define DEFER_ABI_CLANG_char_ptr charPtr
#define DEFER_ABI_CLANG_void_ptr ctx.VoidPtrTy
#define DEFER_ABI_CLANG_record_ptr recordPtr
#define DEFER_ABI_CLANG_frame_ptr ctx.getPointerType(b.type(frame_type))
#define DEFER_ABI_CLANG_cursor b.type(cursor_type)
#define DEFER_ABI_CLANG_block b.type(block_type)
#define DEFER_ABI_CLANG_panic_info_ptr                                         \
  ctx.getPointerType(ctx.VoidTy.withConst())
#define DEFER_ABI_CLANG(type) DEFER_ABI_CLANG_##type
#define DEFER_ABI_FIELD(name, field, type)                                     \
  name##_##field = addField(b, name##_type, #field, DEFER_ABI_CLANG(type));
#define DEFER_ABI_END(name) name##_type->completeDefinition();
#define DEFER_ABI_TLS(name, symbol, type)                                      \
  name = declareTLS(b, #symbol, DEFER_ABI_CLANG(type));
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)                           \
  name##_fn = declare_##kind(b, #symbol, DEFER_ABI_CLANG(result), {});
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                       \
  name##_fn = declare_##kind(b, #symbol, DEFER_ABI_CLANG(result),              \
                             {DEFER_ABI_CLANG(p1)});
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                   \
  name##_fn = declare_##kind(b, #symbol, DEFER_ABI_CLANG(result),              \
                             {DEFER_ABI_CLANG(p1), DEFER_ABI_CLANG(p2)});
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)           \
  name##_fn = declare_##kind(b, #symbol, DEFER_ABI_CLANG(result),              \
                             {DEFER_ABI_CLANG(p1), DEFER_ABI_CLANG(p2),        \
                              DEFER_ABI_CLANG(p3), DEFER_ABI_CLANG(p4)});
#define declare_plain declarePlain
#define declare_unwinds declareUnwinds
#include "abi-table.h"
#undef declare_plain
#undef declare_unwinds
}

bool Runtime::used() const {
  // A weak reference (LowerExits.cpp) is reached only in a program that
  // links libdefer: it does not need it.
  auto strong = [](const Decl *d) {
    return d->isReferenced() && !d->hasAttr<WeakAttr>();
  };
#define DEFER_ABI_TLS(name, symbol, type)                                      \
  if (strong(name))                                                            \
    return true;
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)                           \
  if (strong(name##_fn))                                                       \
    return true;
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                       \
  if (strong(name##_fn))                                                       \
    return true;
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                   \
  if (strong(name##_fn))                                                       \
    return true;
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)           \
  if (strong(name##_fn))                                                       \
    return true;
#include "abi-table.h"
  return false;
}

} // namespace defer_clang
