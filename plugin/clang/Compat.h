/* SPDX-License-Identifier: MIT */
// What differs between the Clang versions the plugin builds against (19,
// 21, 22), in one place: the rest of the plugin calls these and holds no
// version test of its own.  Clang 22 brought the DeferStmt (the node of
// its `_Defer`), on which the lowering's cleanups are built there; before
// it, LowerCatch.cpp stands in (docs/ARCHITECTURE.md).

#ifndef DEFER_CLANG_COMPAT_H
#define DEFER_CLANG_COMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/Version.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

namespace defer_clang {
namespace compat {

// Whether Clang has the DeferStmt.
constexpr bool hasDeferStmt = CLANG_VERSION_MAJOR >= 22;

// A DeferStmt running BODY; only where hasDeferStmt.
inline clang::Stmt *deferStmt(clang::ASTContext &ctx, clang::SourceLocation at,
                              clang::Stmt *body) {
#if CLANG_VERSION_MAJOR >= 22
  return clang::DeferStmt::Create(ctx, at, body);
#else
  llvm_unreachable("no DeferStmt before Clang 22");
#endif
}

// Whether S is a DeferStmt; AT, if given, gets where its `_Defer` is.
inline bool isDeferStmt(const clang::Stmt *s,
                        clang::SourceLocation *at = nullptr) {
#if CLANG_VERSION_MAJOR >= 22
  auto *ds = llvm::dyn_cast<clang::DeferStmt>(s);
  if (ds && at)
    *at = ds->getDeferLoc();
  return ds;
#else
  return false;
#endif
}

// The statement of DeferStmt S; only where hasDeferStmt.
inline clang::Stmt *deferBody(clang::Stmt *s) {
#if CLANG_VERSION_MAJOR >= 22
  return llvm::cast<clang::DeferStmt>(s)->getBody();
#else
  llvm_unreachable("no DeferStmt before Clang 22");
#endif
}

// `_Defer _Defer X;`: the inner one is the whole block of the outer one's
// statement, so X runs as that statement ends.  Clang 22 instead runs X
// at a later exit, or never, and crashes under -fexceptions when X calls
// a function; braces around the inner one give the TS's meaning.
inline void braceNestedDefer(clang::ASTContext &ctx, clang::Stmt *s) {
#if CLANG_VERSION_MAJOR >= 22
  auto *ds = llvm::dyn_cast<clang::DeferStmt>(s);
  if (!ds || !llvm::isa<clang::DeferStmt>(ds->getBody()))
    return;
  clang::Stmt *inner = ds->getBody();
  ds->setBody(clang::CompoundStmt::Create(
      ctx, {inner}, clang::FPOptionsOverride(), inner->getBeginLoc(),
      inner->getEndLoc()));
#endif
}

// Clang's own `_Defer` (-fdefer-ts), on from here; nothing before 22.
inline void enableDeferTS(clang::LangOptions &lang, clang::Preprocessor &pp) {
#if CLANG_VERSION_MAJOR >= 22
  if (lang.DeferTS)
    return;
  lang.DeferTS = true;
  pp.getIdentifierTable().get("_Defer", clang::tok::kw__Defer);
#endif
}

// The type of a struct or union declaration.
inline clang::QualType tagType(clang::ASTContext &ctx,
                               const clang::RecordDecl *rd) {
#if CLANG_VERSION_MAJOR >= 22
  return ctx.getCanonicalTagType(rd);
#else
  return ctx.getRecordType(rd);
#endif
}

inline clang::QualType variableArrayType(clang::ASTContext &ctx,
                                         clang::QualType element,
                                         clang::Expr *size) {
#if CLANG_VERSION_MAJOR >= 21
  return ctx.getVariableArrayType(element, size,
                                  clang::ArraySizeModifier::Normal, 0);
#else
  return ctx.getVariableArrayType(element, size,
                                  clang::ArraySizeModifier::Normal, 0,
                                  clang::SourceRange());
#endif
}

// Clang's "non-void function does not return a value [in all control
// paths]".
inline bool isFallOffNonVoid(unsigned id) {
#if CLANG_VERSION_MAJOR >= 21
  return id == clang::diag::warn_falloff_nonvoid;
#else
  return id == clang::diag::warn_falloff_nonvoid_function ||
         id == clang::diag::warn_maybe_falloff_nonvoid_function;
#endif
}

template <typename Source>
void addExternalSource(clang::Sema &sema,
                       llvm::IntrusiveRefCntPtr<Source> source) {
#if CLANG_VERSION_MAJOR >= 22
  sema.addExternalSource(std::move(source));
#else
  // Sema keeps the source (a multiplexer takes a reference) for as long
  // as it lives.
  source->Retain();
  sema.addExternalSource(source.get());
#endif
}

// Hands NEXT a fatal error MESSAGE at AT, from within the handling of
// another diagnostic INFO of DIAGS.
inline void reportFatal(clang::DiagnosticsEngine &diags,
                        clang::DiagnosticConsumer *next,
                        const clang::Diagnostic &info, clang::SourceLocation at,
                        llvm::StringRef message) {
#if CLANG_VERSION_MAJOR >= 20
  clang::DiagnosticStorage none;
  clang::Diagnostic ours(&diags, at, info.getID(), none, message);
  next->HandleDiagnostic(clang::DiagnosticsEngine::Fatal, ours);
#else
  // A Diagnostic is the engine's diagnostic in flight: one of its own
  // engine, sharing the options and sources, carries the new location.
  clang::DiagnosticsEngine own(diags.getDiagnosticIDs(),
                               &diags.getDiagnosticOptions(), next,
                               /*ShouldOwnClient=*/false);
  own.setSourceManager(&info.getSourceManager());
  own.Report(at, own.getCustomDiagID(clang::DiagnosticsEngine::Fatal, "%0"))
      << message;
#endif
}

// A SCEV expander naming its values NAME: from LLVM 22 it takes the data
// layout from scalar evolution.
inline llvm::SCEVExpander scevExpander(llvm::ScalarEvolution &se,
                                       const llvm::DataLayout &dl,
                                       const char *name) {
#if CLANG_VERSION_MAJOR >= 22
  (void)dl;
  return llvm::SCEVExpander(se, name);
#else
  return llvm::SCEVExpander(se, dl, name);
#endif
}

} // namespace compat
} // namespace defer_clang

#endif
