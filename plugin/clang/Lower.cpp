// Lowering a function with `defer` (SEMANTICS.md section 7), open-coded:
//
//   T f (...)                     T f (...)
//   {                             {
//     A;                            unsigned __defer_mask = 0;
//     defer X;                      T __defer_rv = 0;
//     B;                            {
//     if (c) return e;    ==>         _Defer {        (a Clang DeferStmt)
//     defer Y;                          if (__defer_mask & 2) Y;
//     return g;                         if (__defer_mask & 1) X;
//   }                                 }
//                                     A; __defer_mask |= 1;
//                                     B; if (c) { __defer_rv = e; goto done; }
//                                     __defer_mask |= 2;
//                                     __defer_rv = g; goto done;
//                                   }
//                                   done: return __defer_rv;
//                                 }
//
// Clang's code generation runs the DeferStmt's block on every way out of
// the inner block, and on unwinding with -fexceptions.  Returns store into
// __defer_rv, so the value is computed before the deferred blocks run,
// `defer_result` (which becomes __defer_rv) can change it, and no named
// return value optimisation can let a deferred block change what the
// caller receives.  A local that a deferred block names gets an unused
// label before its declaration: in C, Clang then emits no lifetime markers
// for it, so it lives until the function returns.

#include "Lower.h"

#include "llvm/Support/raw_ostream.h"

#include "defer-rules.h"

#include <algorithm>

using namespace clang;

namespace defer_clang {
namespace {

bool copiedBySite(const Scan &scan, int site, VarDecl *vd) {
  const std::vector<VarDecl *> &c = scan.sites[site].copies;
  return std::find(c.begin(), c.end(), vd) != c.end();
}

// Locals named by deferred blocks stay alive until the function returns.
void keepAlive(Builder &b, Scan &scan) {
  llvm::SmallPtrSet<Stmt *, 8> done;
  unsigned n = 0;
  for (auto &use : scan.namedBySite) {
    auto it = scan.vars.find(use.second);
    if (it == scan.vars.end() || done.count(*it->second.slot) ||
        copiedBySite(scan, use.first, use.second))
      continue;
    Stmt **slot = it->second.slot;
    *slot = b.labelled(b.label("__defer_live" + std::to_string(n++)), *slot);
    done.insert(*slot);
  }
}

bool namesVLA(const Scan &scan) {
  for (auto &use : scan.namedBySite)
    if (use.second->getType()->isVariablyModifiedType())
      return true;
  return false;
}

// Clang restores the stack pointer of a block with VLAs when the block is
// left, in a cleanup pushed at its first VLA.  A one-byte VLA before the
// DeferStmt pushes it first, so that it runs after the deferred blocks,
// which may still use the function's VLAs.
void anchorStackRestore(Builder &b, std::vector<Stmt *> &stmts) {
  ASTContext &ctx = b.ctx;
  VarDecl *one = b.local("__defer_one", ctx.IntTy, b.integer(ctx.IntTy, 1));
  QualType t = ctx.getVariableArrayType(ctx.CharTy, b.rvalue(b.ref(one)),
                                        ArraySizeModifier::Normal, 0);
  stmts.push_back(b.declare(one));
  stmts.push_back(b.declare(b.local("__defer_vla_anchor", t)));
}

// Returns through __defer_rv and the body around the DeferStmt.
void lowerBody(Builder &b, Scan &scan, Parts parts) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *fn = b.fn;
  keepAlive(b, scan);

  QualType retType = fn->getReturnType();
  VarDecl *rv = nullptr;
  LabelDecl *done = nullptr;
  if (!retType->isVoidType()) {
    QualType t = retType.getUnqualifiedType();
    rv = b.local("__defer_rv", t, new (ctx) ImplicitValueInitExpr(t));
    done = b.label("__defer_done");
    for (Stmt **slot : scan.returns) {
      auto *ret = cast<ReturnStmt>(*slot);
      Builder at = b.at(ret->getReturnLoc());
      std::vector<Stmt *> stmts;
      if (Expr *value = ret->getRetValue())
        stmts.push_back(at.assign(at.ref(rv), value));
      stmts.push_back(new (ctx) GotoStmt(done, at.loc, at.loc));
      *slot = at.block(stmts);
    }
    for (DeclRefExpr *ref : scan.resultRefs)
      ref->setDecl(rv);
  }

  auto *body = cast<CompoundStmt>(fn->getBody());
  std::vector<Stmt *> inner;
  if (namesVLA(scan))
    anchorStackRestore(b, inner);
  inner.push_back(DeferStmt::Create(ctx, b.loc, b.block(parts.finally)));
  for (Stmt *s : body->body())
    inner.push_back(s);
  std::vector<Stmt *> outer = parts.prologue;
  if (rv)
    outer.push_back(b.declare(rv));
  outer.push_back(b.block(inner));
  if (rv) {
    Builder end = b.at(body->getRBracLoc());
    outer.push_back(end.labelled(
        done, ReturnStmt::Create(ctx, end.loc, end.rvalue(end.ref(rv)),
                                 nullptr)));
  }
  fn->setBody(CompoundStmt::Create(ctx, outer, FPOptionsOverride(),
                                   body->getLBracLoc(), body->getRBracLoc()));
}

void report(ASTContext &ctx, const Scan &scan,
            const defer_rules::FunctionFacts &facts,
            const defer_rules::Decision &d) {
  for (unsigned i = 0; i < scan.sites.size(); i++)
    remark(ctx, scan.sites[i].loc, defer_rules::describe_site(facts, d, i));
}

} // namespace

void lowerFunction(PluginState &state, FunctionDecl *fn) {
  ASTContext &ctx = fn->getASTContext();
  Scan scan;
  scanFunction(ctx, fn, scan);
  // Every function is checked; none is lowered once anything is wrong.
  if (scan.sites.empty() || scan.errors ||
      ctx.getDiagnostics().hasErrorOccurred())
    return;
  defer_rules::FunctionFacts facts = functionFacts(scan, ctx.getSourceManager());
  defer_rules::Decision d = defer_rules::choose_lowering(facts);
  Builder b{state.ci->getSema(), ctx, fn, fn->getBody()->getBeginLoc()};
  if (d.lowering == defer_rules::Lowering::open_coded)
    lowerBody(b, scan, lowerWithMask(b, scan));
  else
    lowerBody(b, scan, lowerWithRecords(b, scan, facts));
  if (state.opts.report)
    report(ctx, scan, facts, d);
  if (state.opts.dump) {
    llvm::errs() << ";; Function " << fn->getName()
                 << " (lowered by the defer plugin)\n";
    fn->print(llvm::errs());
    llvm::errs() << "\n";
  }
}

} // namespace defer_clang
