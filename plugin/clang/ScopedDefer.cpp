// SPDX-License-Identifier: MIT
//
// Block-scoped `_Defer` under Clang 22 (older Clangs get the plugin's):
// Clang's own statement, which the plugin makes available without
// -fdefer-ts (`_Defer` is a reserved word, so no code loses it).  With
// unwinding on (the default) the plugin lowers it itself
// (LowerScoped.cpp); without, Clang's code generation runs it, with one
// change: a `return` computes its value before the `_Defer`s run,
// structures too.  Clang applies NRVO to C structures, which makes the
// returned variable the caller's object, so a `_Defer` that changed the
// variable changed the result.  The plugin's lowerings return a copy.

#include "Compat.h"
#include "DeferPlugin.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace defer_clang {

void enableScopedDefer(CompilerInstance &ci) {
  compat::enableDeferTS(ci.getLangOpts(), ci.getPreprocessor());
}

namespace {

class Returns : public RecursiveASTVisitor<Returns> {
public:
  bool sawDefer = false;
  std::vector<ReturnStmt *> returns;

  bool VisitStmt(Stmt *s) {
    sawDefer |= compat::isDeferStmt(s);
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *ret) {
    if (ret->getNRVOCandidate())
      returns.push_back(ret);
    return true;
  }
};

} // namespace

namespace {

class NestedDefers : public RecursiveASTVisitor<NestedDefers> {
public:
  explicit NestedDefers(ASTContext &ctx) : ctx(ctx) {}
  bool sawDefer = false;
  bool VisitStmt(Stmt *s) {
    sawDefer |= compat::isDeferStmt(s);
    compat::braceNestedDefer(ctx, s);
    return true;
  }

private:
  ASTContext &ctx;
};

// Stops at the first `_Defer`.
class AnyDefer : public RecursiveASTVisitor<AnyDefer> {
public:
  bool found = false;
  bool VisitStmt(Stmt *s) {
    found = compat::isDeferStmt(s);
    return !found;
  }
};

} // namespace

bool braceNestedScopedDefers(FunctionDecl *fn) {
  NestedDefers v(fn->getASTContext());
  v.TraverseStmt(fn->getBody());
  return v.sawDefer;
}

bool hasScopedDefer(const FunctionDecl *fn) {
  AnyDefer v;
  v.TraverseStmt(const_cast<Stmt *>(fn->getBody()));
  return v.found;
}

void returnBeforeScopedDefers(FunctionDecl *fn) {
  if (!fn->getReturnType()->isRecordType())
    return;
  Returns found;
  found.TraverseStmt(fn->getBody());
  if (!found.sawDefer)
    return;
  for (ReturnStmt *ret : found.returns) {
    const_cast<VarDecl *>(ret->getNRVOCandidate())->setNRVOVariable(false);
    ret->setNRVOCandidate(nullptr);
  }
}

} // namespace defer_clang
