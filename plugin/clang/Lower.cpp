// SPDX-License-Identifier: MIT
// Lowering a function with `defer` (docs/REFERENCE.md, "The run-time lowering"), open-coded:
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
#include "Runtime.h"

#include "llvm/Support/raw_ostream.h"

#include "analysis.h"
#include "plan.h"
#include "report.h"

#include <algorithm>

using namespace clang;

namespace defer_clang {
namespace {

bool copiedBySite(const defer_rules::Analysis &a, unsigned site, int v) {
  const std::vector<int> &c = a.sites[site].copies;
  return std::find(c.begin(), c.end(), v) != c.end();
}

// Locals named by deferred blocks stay alive until the function returns.
void keepAlive(Builder &b, Scan &scan, const defer_rules::Analysis &a) {
  llvm::SmallPtrSet<Stmt *, 8> done;
  unsigned n = 0;
  for (unsigned i = 0; i < scan.model.sites.size(); i++)
    for (int v : scan.model.sites[i].names) {
      Stmt **slot = scan.varSlots[v];
      if (!slot || done.count(*slot) || copiedBySite(a, i, v))
        continue;
      *slot = b.labelled(b.label("__defer_live" + std::to_string(n++)), *slot);
      done.insert(*slot);
    }
}

bool namesVLA(const Scan &scan) {
  for (const defer_rules::Site &s : scan.model.sites)
    for (int v : s.names)
      if (scan.model.vars[v].variably_modified)
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
  QualType t = compat::variableArrayType(ctx, ctx.CharTy, b.rvalue(b.ref(one)));
  stmts.push_back(b.declare(one));
  stmts.push_back(b.declare(b.local("__defer_vla_anchor", t)));
}

// defer_recover () in a deferred block -> __libdefer_recover ().
void rewriteRecovers(Builder &b, Scan &scan) {
  for (Stmt **slot : scan.recovers) {
    auto *call = cast<CallExpr>(*slot);
    Builder at = b.at(call->getBeginLoc());
    *slot = at.cast(call->getType(), at.call(b.rt->recover_fn, {}));
  }
}


} // namespace

SourceLocation afterBlocks(Builder &b, Scan &scan) {
  SourceLocation at = cast<CompoundStmt>(b.fn->getBody())->getRBracLoc();
  for (unsigned v = 0; v < scan.vars.size(); v++)
    if (scan.vars[v]->hasAttr<CleanupAttr>() &&
        scan.model.vars[v].outermost && scan.varSlots[v])
      at = scan.vars[v]->getLocation();
  return at;
}

namespace {

// The cleanups of the outermost block's variables (`cleanup` attribute)
// and the `_Defer`s of that block run after the deferred blocks, as the
// block ends, on every way out: with a DeferStmt before them in the
// block, Clang would run theirs first when unwinding, and a return that
// jumps to the blocks at the block's end would pass declarations and
// `_Defer`s made after it, and run those `_Defer`s, which control never
// reached.  Each variable's attribute goes, and so does each `_Defer`;
// its cleanup joins the blocks, newest first, as `if (flag) { flag = 0;
// f (&v); }` (or the `_Defer`'s statement), and `flag = 1` follows the
// declaration (FLAGS: the declaration's statement and its flag) or
// stands where the `_Defer` stood.
struct TakenOver {
  unsigned at;      // its position (model.h)
  Stmt *run;        // what runs at the block's end
  VarDecl *flag;
};

VarDecl *cleanupFlag(Builder &b, Parts &parts) {
  ASTContext &ctx = b.ctx;
  VarDecl *flag = b.local("__defer_cleanup", ctx.IntTy,
                          b.integer(ctx.IntTy, 0));
  parts.prologue.push_back(b.declare(flag));
  return flag;
}

Stmt *runOnce(Builder &b, VarDecl *flag, Stmt *run) {
  Builder exit = b.atNoLine();
  return exit.ifThen(
      exit.ref(flag),
      exit.block({exit.assign(exit.ref(flag), exit.integer(b.ctx.IntTy, 0)),
                  run}));
}

void takeOverCleanups(Builder &b, Scan &scan, Parts &parts,
                      std::vector<std::pair<Stmt *, VarDecl *>> &flags) {
  ASTContext &ctx = b.ctx;
  std::vector<TakenOver> taken;
  for (unsigned v = 0; v < scan.vars.size(); v++) {
    VarDecl *vd = scan.vars[v];
    auto *cleanup = vd->getAttr<CleanupAttr>();
    if (!cleanup || !scan.model.vars[v].outermost || !scan.varSlots[v])
      continue;
    Builder at = b.at(vd->getLocation());
    VarDecl *flag = cleanupFlag(b, parts);
    // Alive for the unwinding path too, after the body's block (see
    // keepAlive).
    Stmt **slot = scan.varSlots[v];
    if (!isa<LabelStmt>(*slot))
      *slot = at.labelled(at.label("__defer_live_cleanup"), *slot);
    flags.push_back({*slot, flag});
    // The test has no line; the call has the variable's, as the
    // cleanup of a variable has.
    taken.push_back({scan.model.vars[v].declared_at,
                     at.call(cleanup->getFunctionDecl(),
                             {at.addressOf(at.ref(vd))}),
                     flag});
    vd->dropAttr<CleanupAttr>();
  }
  for (auto &[pos, slot] : scan.outermostDefers) {
    Builder at = b.at((*slot)->getBeginLoc());
    VarDecl *flag = cleanupFlag(b, parts);
    Stmt *statement = scopedDeferBody(*slot);
    // Its locals as those of the deferred blocks (Hoist.cpp): the
    // statement is emitted once per way to it.
    hoistLocalsOf(b, statement, parts.prologue);
    taken.push_back({pos, statement, flag});
    *slot = at.assign(at.ref(flag), at.integer(ctx.IntTy, 1));
  }
  std::sort(taken.begin(), taken.end(),
            [](const TakenOver &x, const TakenOver &y) { return x.at > y.at; });
  for (const TakenOver &t : taken)
    parts.finally.push_back(runOnce(b, t.flag, t.run));
}

} // namespace

// The body's statements, with `flag = 1` after each declaration whose
// cleanup the blocks took over.
void appendStatements(Body &body) {
  Builder &b = body.b;
  for (Stmt *s : cast<CompoundStmt>(b.fn->getBody())->body()) {
    body.inner.push_back(s);
    for (auto &[decl, flag] : body.cleanupFlags)
      if (decl == s)
        body.inner.push_back(b.at(s->getEndLoc())
                                 .assign(b.ref(flag),
                                         b.integer(b.ctx.IntTy, 1)));
  }
}

VarDecl *declareNormal(Body &body) {
  Builder &b = body.b;
  VarDecl *normal =
      b.local("__defer_normal", b.ctx.IntTy, b.integer(b.ctx.IntTy, 0));
  body.outer.push_back(b.declare(normal));
  return normal;
}

// After the body's block: `__defer_done: return __defer_rv;`, the
// layout's unwinding CHAIN and the unwinding path.
void finishWithUnwinding(Body &body, LabelDecl *unwind, bool recovers,
                         std::vector<Stmt *> chain) {
  Builder &b = body.b;
  Builder end = b.at(cast<CompoundStmt>(b.fn->getBody())->getRBracLoc());
  // The body's block ends at the function's closing brace, where a
  // debugger goes after the deferred blocks.
  body.outer.push_back(b.block(body.inner, end.loc));
  Stmt *ret = ReturnStmt::Create(
      b.ctx, end.loc, body.rv ? end.rvalue(end.ref(body.rv)) : nullptr,
      nullptr);
  body.outer.push_back(end.labelled(body.done, ret));
  body.outer.insert(body.outer.end(), chain.begin(), chain.end());
  Builder exit = b.atNoLine();
  unwindingPath(exit, body.parts, unwind, recovers, body.rv, body.outer);
}

namespace {

// `return e;` -> `__defer_rv = e; goto __defer_done;`, so that the value
// is computed before the deferred blocks run, defer_result (which becomes
// __defer_rv) can change it, and no named return value optimisation can
// let a deferred block change what the caller receives.
void redirectReturns(Body &body) {
  Builder &b = body.b;
  ASTContext &ctx = b.ctx;
  body.done = b.label("__defer_done");
  QualType retType = b.fn->getReturnType();
  if (retType->isVoidType())
    return;
  QualType t = retType.getUnqualifiedType();
  body.rv = b.local("__defer_rv", t, new (ctx) ImplicitValueInitExpr(t));
  for (Stmt **slot : body.scan.returns) {
    auto *ret = cast<ReturnStmt>(*slot);
    Builder at = b.at(ret->getReturnLoc());
    std::vector<Stmt *> stmts;
    if (Expr *value = ret->getRetValue())
      stmts.push_back(at.assign(at.ref(body.rv), value));
    stmts.push_back(new (ctx) GotoStmt(body.done, at.loc, at.loc));
    *slot = at.block(stmts);
  }
  for (DeclRefExpr *ref : body.scan.resultRefs)
    ref->setDecl(body.rv);
}

// The function's new body, in the layout its plan and Clang allow
// (LowerExits.cpp).  Clang emits a DeferStmt's body twice, for normal
// exits and for unwinding, which breaks labels and some locals inside it
// (Hoist.cpp); blocks with those run at one place instead, on return only
// (the plan said so, and warned).  Without unwinding support that place
// is all there is to do, as hand-written cleanup code does, unless the
// function moves the stack pointer: only a DeferStmt runs the blocks
// before a VLA's scope gives its storage back.  A static analyzer, which
// no code is generated for, gets that place always: its CFG runs a
// DeferStmt's block where the DeferStmt stands.
void lowerBody(PluginState &state, Builder &b, Scan &scan,
               const defer_rules::Analysis &a, const defer_rules::Plan &p,
               Parts parts, std::vector<Stmt *> hoisted) {
  keepAlive(b, scan, a);
  Body body{b, scan, p, parts};
  redirectReturns(body);
  bool singleCopy = scan.model.blocks_need_one_copy;
  // Without DeferStmts (Clang < 22) the blocks of a function that moves
  // its stack pointer run before its outermost block ends in any case.
  bool viaCleanup =
      !singleCopy &&
      (state.opts.unwind || (compat::hasDeferStmt && scan.model.moves_stack &&
                             !state.analysis));
  bool recovers = viaCleanup && scan.model.recovers;
  bool native = p.shape == defer_rules::Shape::native_sites;
  if (!native)
    takeOverCleanups(b, scan, parts, body.cleanupFlags);
  if (namesVLA(scan))
    anchorStackRestore(b, body.inner);
  body.outer = hoisted;
  body.outer.insert(body.outer.end(), parts.prologue.begin(),
                    parts.prologue.end());
  if (body.rv)
    body.outer.push_back(b.declare(body.rv));
  if (native && compat::hasDeferStmt)
    layoutNative(body, recovers);
  else if (native)
    layoutNativeCatch(state, body, recovers);
  else if (viaCleanup && compat::hasDeferStmt)
    layoutOneCleanup(body, recovers);
  else if (viaCleanup)
    layoutCatch(state, body, recovers);
  else
    layoutJumpToEnd(body);
  auto *old = cast<CompoundStmt>(b.fn->getBody());
  b.fn->setBody(CompoundStmt::Create(b.ctx, body.outer, FPOptionsOverride(),
                                     old->getLBracLoc(), old->getRBracLoc()));
}

defer_rules::Host clangHost(const PluginState &state, ASTContext &ctx) {
  defer_rules::Host host;
  host.unwind = state.opts.unwind;
  host.blocks_emitted_twice = true;
  host.union_records = !state.analysis;
  host.pointer_size = ctx.getTypeSize(ctx.VoidPtrTy) / ctx.getCharWidth();
  return host;
}

void dump(const PluginState &state, FunctionDecl *fn) {
  if (!state.opts.dump)
    return;
  llvm::errs() << ";; Function " << fn->getName()
               << " (lowered by the defer plugin)\n";
  fn->print(llvm::errs());
  llvm::errs() << "\n";
}

} // namespace

// A copy's size and alignment, the declaration's own where it asks for
// more than its type's (plan.h's Extent).
defer_rules::Extent extentOf(ASTContext &ctx, const VarDecl *vd) {
  QualType t = vd->getType();
  if (t->isVariablyModifiedType())
    t = ctx.VoidPtrTy;
  defer_rules::Extent e;
  e.size = ctx.getTypeSizeInChars(t).getQuantity();
  e.align = ctx.getTypeAlignInChars(t).getQuantity();
  if (unsigned declared = vd->getMaxAlignment() / ctx.getCharWidth();
      declared > e.align)
    e.align = declared;
  return e;
}

std::vector<std::vector<defer_rules::Extent>>
copyExtents(ASTContext &ctx, const Scan &scan, const defer_rules::Analysis &a) {
  std::vector<std::vector<defer_rules::Extent>> extents;
  for (const defer_rules::SiteAnalysis &s : a.sites) {
    extents.emplace_back();
    for (int v : s.copies)
      extents.back().push_back(extentOf(ctx, scan.vars[v]));
  }
  return extents;
}

bool lowersScopedDefers(const PluginState &state) {
  return !compat::hasDeferStmt || (state.opts.unwind && !state.analysis);
}

void lowerFunction(PluginState &state, FunctionDecl *fn) {
  ASTContext &ctx = fn->getASTContext();
  Scan scan;
  scanFunction(ctx, fn, scan);
  if (scan.model.sites.empty() && scan.model.results.empty() &&
      scan.model.scoped.empty())
    return;
  defer_rules::Analysis a = defer_rules::analyse(scan.model);
  giveDiagnostics(state, ctx, scan, a.diagnostics);
  // Every function is checked; none is lowered once anything is wrong.
  if (defer_rules::has_errors(a.diagnostics))
    return;
  Builder b{state.ci->getSema(), ctx, fn, fn->getBody()->getBeginLoc()};
  b.noLine = noLineLocation(state);
  Runtime rt(b);
  b.rt = &rt;
  // The `_Defer`s first, as GCC's plugin does (LowerScoped.cpp says
  // when); then the Go-style lowering reads the function as it is now.
  if (lowersScopedDefers(state) && !scan.model.scoped.empty()) {
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    bool goStyle = !scan.model.sites.empty();
    lowerScopedDefers(state, b, scan, goStyle);
    if (!goStyle) {
      dump(state, fn);
      return;
    }
    scan = Scan();
    scanFunction(ctx, fn, scan);
    a = defer_rules::analyse(scan.model);
  }
  const defer_rules::Function &model = scan.model;
  if (model.sites.empty())
    return;
  defer_rules::Plan p = defer_rules::make_plan(
      model, a, copyExtents(ctx, scan, a), clangHost(state, ctx));
  giveDiagnostics(state, ctx, scan, p.diagnostics);
  if (defer_rules::has_errors(p.diagnostics) ||
      ctx.getDiagnostics().hasErrorOccurred())
    return;
  rewriteRecovers(b, scan);
  if (p.own_stack_frame)
    fn->addAttr(NoInlineAttr::CreateImplicit(ctx));
  // After the rewrite, whose slots may lie in initialisers.
  std::vector<Stmt *> hoisted = hoistBlockLocals(b, scan);
  Parts parts;
  if (p.shape == defer_rules::Shape::native_sites)
    parts.native = true;
  else if (p.lowering == defer_rules::Lowering::open_coded)
    parts = lowerWithMask(b, scan, p);
  else
    parts = lowerWithRecords(b, scan, a, p);
  lowerBody(state, b, scan, a, p, std::move(parts), std::move(hoisted));
  if (rt.used())
    state.usesLibdefer = true;
  if (state.opts.report)
    for (unsigned i = 0; i < scan.sites.size(); i++)
      remark(ctx, scan.sites[i].loc,
             defer_rules::describe_site(model, a, p, i));
  dump(state, fn);
}

} // namespace defer_clang
