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

// defer_recover () in a deferred block -> __libdefer_recover ().
void rewriteRecovers(Builder &b, Scan &scan) {
  ASTContext &ctx = b.ctx;
  QualType constVoidPtr = ctx.getPointerType(ctx.VoidTy.withConst());
  FunctionDecl *recover = nullptr;
  // libdefer tells the frame a panic unwinds from that of a function the
  // deferred block calls by their stack frames: the function must keep its
  // own.
  if (!scan.recovers.empty())
    b.fn->addAttr(NoInlineAttr::CreateImplicit(ctx));
  for (Stmt **slot : scan.recovers) {
    auto *call = cast<CallExpr>(*slot);
    Builder at = b.at(call->getBeginLoc());
    if (!recover)
      recover = b.externFunction("__libdefer_recover", constVoidPtr, {});
    *slot = at.cast(call->getType(), at.call(recover, {}));
  }
}

// At the end of the deferred blocks: if one of them stopped the panic that
// unwinds the function, return normally.  It runs on every exit (Clang
// has no cleanup for unwinding only), so only where a block recovers.
Stmt *returnIfRecovered(Builder &b, LabelDecl *done) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *recovered =
      b.externFunction("__libdefer_recovered", ctx.IntTy, {});
  return b.ifThen(b.call(recovered, {}),
                  new (ctx) GotoStmt(done, b.loc, b.loc));
}

// A label, or a local that stayed inside (Hoist.cpp), in a deferred block.
bool needsSingleCopy(Stmt *s) {
  if (!s)
    return false;
  if (isa<LabelStmt>(s))
    return true;
  if (auto *ds = dyn_cast<DeclStmt>(s))
    for (Decl *d : ds->decls())
      if (auto *vd = dyn_cast<VarDecl>(d); vd && vd->hasLocalStorage())
        return true;
  for (Stmt *child : s->children())
    if (needsSingleCopy(child))
      return true;
  return false;
}

bool needsSingleCopy(const Scan &scan) {
  for (const Site &s : scan.sites)
    if (needsSingleCopy(s.marker->getBody()))
      return true;
  return false;
}

// Returns through __defer_rv and the body around the DeferStmt.
void lowerBody(PluginState &state, Builder &b, Scan &scan, Parts parts) {
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
  rewriteRecovers(b, scan);
  // After the rewrite, whose slots may lie in initialisers.
  std::vector<Stmt *> hoisted = hoistBlockLocals(b, scan);

  // Clang emits a DeferStmt's body twice, for normal exits and for
  // unwinding, which breaks labels and some locals inside it (Hoist.cpp);
  // blocks with those run at one place instead, on return only.
  bool viaDeferStmt = !needsSingleCopy(scan);
  if (!viaDeferStmt && scan.movesStack) {
    error(ctx, scan.sites[0].loc, defer_rules::msg::clang_single_copy_vla);
    return;
  }
  if (!viaDeferStmt)
    state.lateWarnings.push_back(
        {scan.sites[0].loc, defer_rules::msg::clang_no_unwind_run});

  bool recovers = viaDeferStmt && !scan.recovers.empty();
  if (retType->isVoidType() && (!viaDeferStmt || recovers)) {
    done = b.label("__defer_done");
    if (!viaDeferStmt)
      for (Stmt **slot : scan.returns) {
        Builder at = b.at((*slot)->getBeginLoc());
        *slot = new (ctx) GotoStmt(done, at.loc, at.loc);
      }
  }
  if (recovers)
    parts.finally.push_back(returnIfRecovered(b, done));

  auto *body = cast<CompoundStmt>(fn->getBody());
  std::vector<Stmt *> inner;
  if (namesVLA(scan))
    anchorStackRestore(b, inner);
  if (viaDeferStmt)
    inner.push_back(DeferStmt::Create(ctx, b.loc, b.block(parts.finally)));
  for (Stmt *s : body->body())
    inner.push_back(s);
  std::vector<Stmt *> outer = hoisted;
  outer.insert(outer.end(), parts.prologue.begin(), parts.prologue.end());
  if (rv)
    outer.push_back(b.declare(rv));
  outer.push_back(b.block(inner));
  Builder end = b.at(body->getRBracLoc());
  if (!viaDeferStmt)
    outer.push_back(end.labelled(done, end.block(parts.finally)));
  if (rv) {
    Stmt *ret = ReturnStmt::Create(ctx, end.loc, end.rvalue(end.ref(rv)),
                                   nullptr);
    outer.push_back(viaDeferStmt ? end.labelled(done, ret) : ret);
  } else if (recovers) {
    outer.push_back(end.labelled(done, new (ctx) NullStmt(end.loc)));
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
    lowerBody(state, b, scan, lowerWithMask(b, scan));
  else
    lowerBody(state, b, scan, lowerWithRecords(b, scan, facts));
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
