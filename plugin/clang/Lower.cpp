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
  QualType t = ctx.getVariableArrayType(ctx.CharTy, b.rvalue(b.ref(one)),
                                        ArraySizeModifier::Normal, 0);
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

// Weak: reached only in a program that links libdefer.
FunctionDecl *weak(ASTContext &ctx, FunctionDecl *fn) {
  if (!fn->hasAttr<WeakAttr>())
    fn->addAttr(WeakAttr::CreateImplicit(ctx));
  return fn;
}

// Every normal exit says so before it leaves the DeferStmt's scope; on
// those paths the flag is a constant 1 and its test in the cleanup folds
// away, so the unwinding test below costs nothing on them.
void markNormalExits(Builder &b, Scan &scan, VarDecl *normal) {
  ASTContext &ctx = b.ctx;
  for (Stmt **slot : scan.returns) {
    Builder at = b.at((*slot)->getBeginLoc());
    Stmt *set = at.assign(at.ref(normal), at.integer(ctx.IntTy, 1));
    // After `__defer_rv = e;`, whose calls may still panic.
    std::vector<Stmt *> stmts;
    if (auto *exit = dyn_cast<CompoundStmt>(*slot))
      stmts.assign(exit->body_begin(), exit->body_end());
    else
      stmts.push_back(*slot);
    stmts.insert(stmts.end() - 1, set);
    *slot = at.block(stmts);
  }
}

// A void function's `return;` or `return f ();` -> `[f ();] goto TO;`: the
// void call still runs, before the deferred blocks.
Stmt *voidExit(Builder &b, ReturnStmt *ret, LabelDecl *to) {
  Builder at = b.at(ret->getReturnLoc());
  Stmt *jump = new (b.ctx) GotoStmt(to, at.loc, at.loc);
  if (Expr *call = ret->getRetValue())
    return at.block({call, jump});
  return jump;
}

// One DeferStmt: every return becomes `[__defer_rv = e;] goto __defer_run;`
// (the value first: its calls may still panic).
void jumpToRun(Builder &b, Scan &scan, LabelDecl *run) {
  ASTContext &ctx = b.ctx;
  for (Stmt **slot : scan.returns) {
    Builder at = b.at((*slot)->getBeginLoc());
    if (auto *exit = dyn_cast<CompoundStmt>(*slot)) {
      std::vector<Stmt *> stmts(exit->body_begin(), exit->body_end());
      // It was `goto __defer_done`.
      stmts.back() = new (ctx) GotoStmt(run, at.loc, at.loc);
      *slot = at.block(stmts);
    } else {
      *slot = voidExit(b, cast<ReturnStmt>(*slot), run);
    }
  }
}

// __libdefer_panicking != 0 && __libdefer_panicking (): whether a panic
// unwinds this function.  Weak: a program without libdefer has no panics,
// and open-coded defers need no library.
Expr *panickingHere(Builder &b) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *panicking = weak(ctx, b.rt->panicking_fn);
  Expr *fn = b.rvalue(b.ref(panicking));
  Expr *linked = b.binary(BO_NE, fn,
                          b.cast(fn->getType(), b.integer(ctx.IntTy, 0),
                                 CK_NullToPointer));
  return b.binary(BO_LAnd, linked, b.call(panicking, {}));
}

// Native placement (plan.h's native_sites): one Clang DeferStmt per site,
// where the site is, which must then be a statement of the body's own
// block: Clang's block scope is the function's scope there.  Each landing
// pad then knows which blocks are due, so unwinding support adds nothing
// to the normal path (one DeferStmt for all sites needs the mask in every
// landing pad).  The plan counts braces that declare nothing, and the
// statement after a label, as part of the block: they are spliced into it.
void flattenInto(Stmt *s, std::vector<Stmt *> &out) {
  if (auto *cs = dyn_cast<CompoundStmt>(s)) {
    bool declares = false;
    for (Stmt *child : cs->body())
      declares |= isa<DeclStmt>(child);
    if (!declares) {
      for (Stmt *child : cs->body())
        flattenInto(child, out);
      return;
    }
  }
  if (auto *ls = dyn_cast<LabelStmt>(s)) {
    Stmt *sub = ls->getSubStmt();
    ls->setSubStmt(new (ls->getDecl()->getASTContext())
                       NullStmt(ls->getIdentLoc()));
    out.push_back(ls);
    flattenInto(sub, out);
    return;
  }
  out.push_back(s);
}

Stmt *siteBlock(Builder &b, const defer_rules::Plan &p, unsigned k,
                SiteTrees &s) {
  Stmt *block = s.marker->getBody();
  return p.sites[k].guard_at_exit ? b.at(s.loc).ifThen(s.guard, block)
                                  : block;
}

// The jump out of one DeferStmt runs the older ones' bodies on its way
// (Clang branches through enclosing cleanups): __defer_normal == 2 makes
// them do nothing then.
void placeNativeSite(Builder &b, const defer_rules::Plan &p, unsigned k,
                     SiteTrees &s, Stmt *divert, VarDecl *normal) {
  ASTContext &ctx = b.ctx;
  Builder at = b.at(s.loc);
  // While its block runs, __defer_normal is 0 again: the landing pads of
  // the calls in it then see the same constant as those of the body's
  // calls (no register holds the flag), and a panic there is diverted.
  Stmt *run = at.ifThen(
      at.binary(BO_NE, at.ref(normal), at.integer(ctx.IntTy, 2)),
      at.block({at.assign(at.ref(normal), at.integer(ctx.IntTy, 0)),
                siteBlock(b, p, k, s),
                at.assign(at.ref(normal), at.integer(ctx.IntTy, 1))}));
  Stmt *d = DeferStmt::Create(ctx, s.loc, at.block({divert, run}));
  *(s.guardSlot ? s.guardSlot : s.slot) = d;
}

// The blocks again, newest first, for a panic diverted from site K's
// landing pad to label K:
//   __defer_unwindK: { ok = 0; defer { if (!ok) goto __defer_unwindK-1; }
//                      blockK; ok = 1; }
// falling through to K-1; a block that panics goes on with the older ones.
void nativeUnwindingChain(Builder &b, Scan &scan, const defer_rules::Plan &p,
                          const std::vector<LabelDecl *> &at, LabelDecl *tail,
                          std::vector<Stmt *> &outer) {
  ASTContext &ctx = b.ctx;
  for (unsigned k = scan.sites.size(); k-- > 0;) {
    VarDecl *ok = b.local("__defer_ok" + std::to_string(k), ctx.IntTy);
    outer.push_back(b.declare(ok));
    LabelDecl *next = k ? at[k - 1] : tail;
    Stmt *onPanic =
        b.ifThen(b.binary(BO_EQ, b.ref(ok), b.integer(ctx.IntTy, 0)),
                 new (ctx) GotoStmt(next, b.loc, b.loc));
    Stmt *scope = b.block(
        {b.assign(b.ref(ok), b.integer(ctx.IntTy, 0)),
         DeferStmt::Create(ctx, b.loc, b.block({onPanic})),
         siteBlock(b, p, k, scan.sites[k]),
         b.assign(b.ref(ok), b.integer(ctx.IntTy, 1))});
    outer.push_back(b.labelled(at[k], scope));
  }
}

// The cleanup's first statement: a panic (not another exception) leaves
// the cleanup for the unwinding path, where a deferred block may panic in
// turn; Clang ends the process when code in a cleanup unwinds.
Stmt *divertPanics(Builder &b, VarDecl *normal, LabelDecl *unwind) {
  ASTContext &ctx = b.ctx;
  Expr *cond = b.binary(
      BO_LAnd, b.binary(BO_EQ, b.ref(normal), b.integer(ctx.IntTy, 0)),
      panickingHere(b));
  Stmt *diverting = b.assign(b.ref(normal), b.integer(ctx.IntTy, 2));
  return b.ifThen(cond, b.block({diverting, new (ctx) GotoStmt(unwind, b.loc,
                                                               b.loc)}));
}

// The single DeferStmt's block: on unwinding only (the normal exits ran
// the blocks at __defer_run and set __defer_normal to 1, a constant there
// that folds this away):
//   if (__defer_normal == 0) { <divert a panic>; <the blocks> }
Stmt *unwindingCleanup(Builder &b, Parts &parts, VarDecl *normal,
                       LabelDecl *unwind) {
  ASTContext &ctx = b.ctx;
  std::vector<Stmt *> run{divertPanics(b, normal, unwind)};
  run.insert(run.end(), parts.finally.begin(), parts.finally.end());
  return b.ifThen(b.binary(BO_EQ, b.ref(normal), b.integer(ctx.IntTy, 0)),
                  b.block(run));
}

// After the function's return:
//   __defer_unwind:
//     { defer { if (pending) goto __defer_unwind; }  the deferred blocks }
//     if (__libdefer_recovered ()) return rv;     (where a block recovers)
//     __libdefer_continue ();
// A block that panics is left for the next block; the newest panic goes
// on when none is left, unless one of them recovered it.
void unwindingPath(Builder &b, Parts &parts, LabelDecl *unwind, bool recovers,
                   VarDecl *rv, std::vector<Stmt *> &outer) {
  ASTContext &ctx = b.ctx;
  if (parts.native) {
    outer.push_back(b.labelled(unwind, new (ctx) NullStmt(b.loc)));
  } else {
    Stmt *retry = b.ifThen(parts.pending,
                           new (ctx) GotoStmt(unwind, b.loc, b.loc));
    std::vector<Stmt *> scope{
        DeferStmt::Create(ctx, b.loc, b.block({retry}))};
    scope.insert(scope.end(), parts.finally.begin(), parts.finally.end());
    outer.push_back(b.labelled(unwind, b.block(scope)));
  }
  if (recovers) {
    Expr *value = rv ? b.rvalue(b.ref(rv)) : nullptr;
    outer.push_back(b.ifThen(b.call(b.rt->recovered_fn, {}),
                             ReturnStmt::Create(ctx, b.loc, value, nullptr)));
  }
  outer.push_back(b.call(weak(ctx, b.rt->continue_fn), {}));
}

// The cleanups of the outermost block's variables (`cleanup` attribute)
// run after the deferred blocks, as the block ends, on every way out: with
// a DeferStmt before them in the block, Clang would run theirs first when
// unwinding, and a return that jumps to the blocks at the block's end
// would pass declarations made after it.  Each variable's attribute goes; its cleanup joins the
// blocks, newest first, as `if (flag) { flag = 0; f (&v); }`, and `flag
// = 1` follows its declaration (FLAGS: the declaration's statement and
// its flag).
void takeOverCleanups(Builder &b, Scan &scan, Parts &parts,
                      std::vector<std::pair<Stmt *, VarDecl *>> &flags) {
  ASTContext &ctx = b.ctx;
  std::vector<Stmt *> runs;
  for (unsigned v = 0; v < scan.vars.size(); v++) {
    VarDecl *vd = scan.vars[v];
    auto *cleanup = vd->getAttr<CleanupAttr>();
    if (!cleanup || !scan.model.vars[v].outermost || !scan.varSlots[v])
      continue;
    Builder at = b.at(vd->getLocation());
    VarDecl *flag = at.local("__defer_cleanup", ctx.IntTy,
                             at.integer(ctx.IntTy, 0));
    parts.prologue.push_back(at.declare(flag));
    // Alive for the unwinding path too, after the body's block (see
    // keepAlive).
    Stmt **slot = scan.varSlots[v];
    if (!isa<LabelStmt>(*slot))
      *slot = at.labelled(at.label("__defer_live_cleanup"), *slot);
    flags.push_back({*slot, flag});
    runs.insert(runs.begin(),
                at.ifThen(at.ref(flag),
                          at.block({at.assign(at.ref(flag),
                                              at.integer(ctx.IntTy, 0)),
                                    at.call(cleanup->getFunctionDecl(),
                                            {at.addressOf(at.ref(vd))})})));
    vd->dropAttr<CleanupAttr>();
  }
  parts.finally.insert(parts.finally.end(), runs.begin(), runs.end());
}

// Returns through __defer_rv and the body around the DeferStmt.
void lowerBody(PluginState &state, Builder &b, Scan &scan,
               const defer_rules::Analysis &a, const defer_rules::Plan &p,
               Parts parts, std::vector<Stmt *> hoisted) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *fn = b.fn;
  keepAlive(b, scan, a);

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
  // Clang emits a DeferStmt's body twice, for normal exits and for
  // unwinding, which breaks labels and some locals inside it (Hoist.cpp);
  // blocks with those run at one place instead, on return only (the plan
  // said so, and warned).  Without unwinding support that place is all
  // there is to do: every exit jumps to the blocks at the end, as
  // hand-written cleanup code does, unless the function moves the stack
  // pointer (only a DeferStmt runs the blocks before a VLA's scope gives
  // its storage back).
  bool singleCopy = scan.model.blocks_need_one_copy;
  bool viaDeferStmt =
      !singleCopy && (state.opts.unwind || scan.model.moves_stack);
  bool recovers = viaDeferStmt && scan.model.recovers;
  if (retType->isVoidType()) {
    done = b.label("__defer_done");
    if (!viaDeferStmt)
      for (Stmt **slot : scan.returns)
        *slot = voidExit(b, cast<ReturnStmt>(*slot), done);
  }

  auto *body = cast<CompoundStmt>(fn->getBody());
  std::vector<Stmt *> inner;
  if (namesVLA(scan))
    anchorStackRestore(b, inner);
  VarDecl *normal = nullptr;
  LabelDecl *unwind = nullptr;
  LabelDecl *run = nullptr; // one DeferStmt: where the normal exits go
  std::vector<LabelDecl *> unwindAt; // native: the chain's entry per site
  std::vector<std::pair<Stmt *, VarDecl *>> cleanupFlags;
  if (!parts.native)
    takeOverCleanups(b, scan, parts, cleanupFlags);
  if (viaDeferStmt) {
    normal = b.local("__defer_normal", ctx.IntTy, b.integer(ctx.IntTy, 0));
    unwind = b.label("__defer_unwind");
    if (parts.native) {
      markNormalExits(b, scan, normal);
      for (unsigned k = 0; k < scan.sites.size(); k++) {
        unwindAt.push_back(b.label("__defer_unwind" + std::to_string(k)));
        placeNativeSite(b, p, k, scan.sites[k],
                        divertPanics(b, normal, unwindAt[k]), normal);
      }
    } else {
      run = b.label("__defer_run");
      jumpToRun(b, scan, run);
      inner.push_back(DeferStmt::Create(
          ctx, b.loc, b.block({unwindingCleanup(b, parts, normal, unwind)})));
    }
  }
  for (Stmt *s : body->body()) {
    if (parts.native)
      flattenInto(s, inner);
    else
      inner.push_back(s);
    for (auto &[decl, flag] : cleanupFlags)
      if (decl == s)
        inner.push_back(b.at(s->getEndLoc())
                            .assign(b.ref(flag), b.integer(ctx.IntTy, 1)));
  }
  // Where the normal exits run the blocks, at the end of the body's block:
  // with one DeferStmt, inside its scope (a block that panics is unwound
  // like the body); with none, where the body's locals still live (a jump
  // from the block's own statements leaves no scope, so Clang needs no
  // cleanup switch for it).  Native DeferStmts run their own.
  if (LabelDecl *blocks = viaDeferStmt ? run : done) {
    Builder end = b.at(body->getRBracLoc());
    inner.push_back(end.labelled(blocks, end.block(parts.finally)));
  }
  if (normal)
    inner.push_back(b.at(body->getRBracLoc()).assign(
        b.ref(normal), b.integer(ctx.IntTy, 1)));
  std::vector<Stmt *> outer = hoisted;
  outer.insert(outer.end(), parts.prologue.begin(), parts.prologue.end());
  if (normal)
    outer.push_back(b.declare(normal));
  if (rv)
    outer.push_back(b.declare(rv));
  outer.push_back(b.block(inner));
  Builder end = b.at(body->getRBracLoc());
  // `done` labels the blocks where they run at the end of the body, else
  // the return: one label statement, in void functions too.
  Stmt *ret = ReturnStmt::Create(
      ctx, end.loc, rv ? end.rvalue(end.ref(rv)) : nullptr, nullptr);
  outer.push_back(viaDeferStmt ? end.labelled(done, ret) : ret);
  if (unwind && parts.native)
    nativeUnwindingChain(b, scan, p, unwindAt, unwind, outer);
  if (unwind)
    unwindingPath(b, parts, unwind, recovers, rv, outer);
  fn->setBody(CompoundStmt::Create(ctx, outer, FPOptionsOverride(),
                                   body->getLBracLoc(), body->getRBracLoc()));
}

// A copy's size and alignment, the declaration's own where it asks for
// more than its type's (plan.h's Extent).
defer_rules::Extent extentOf(ASTContext &ctx, VarDecl *vd) {
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

defer_rules::Host clangHost(const PluginState &state, ASTContext &ctx) {
  defer_rules::Host host;
  host.unwind = state.opts.unwind;
  host.blocks_emitted_twice = true;
  host.pointer_size = ctx.getTypeSize(ctx.VoidPtrTy) / ctx.getCharWidth();
  return host;
}

} // namespace

void lowerFunction(PluginState &state, FunctionDecl *fn) {
  ASTContext &ctx = fn->getASTContext();
  Scan scan;
  scanFunction(ctx, fn, scan);
  const defer_rules::Function &model = scan.model;
  if (model.sites.empty() && model.results.empty())
    return;
  defer_rules::Analysis a = defer_rules::analyse(model);
  giveDiagnostics(state, ctx, scan, a.diagnostics);
  // Every function is checked; none is lowered once anything is wrong.
  if (model.sites.empty() || defer_rules::has_errors(a.diagnostics))
    return;
  defer_rules::Plan p = defer_rules::make_plan(
      model, a, copyExtents(ctx, scan, a), clangHost(state, ctx));
  giveDiagnostics(state, ctx, scan, p.diagnostics);
  if (defer_rules::has_errors(p.diagnostics) ||
      ctx.getDiagnostics().hasErrorOccurred())
    return;
  Builder b{state.ci->getSema(), ctx, fn, fn->getBody()->getBeginLoc()};
  Runtime rt(b);
  b.rt = &rt;
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
  if (state.opts.report)
    for (unsigned i = 0; i < scan.sites.size(); i++)
      remark(ctx, scan.sites[i].loc,
             defer_rules::describe_site(model, a, p, i));
  if (state.opts.dump) {
    llvm::errs() << ";; Function " << fn->getName()
                 << " (lowered by the defer plugin)\n";
    fn->print(llvm::errs());
    llvm::errs() << "\n";
  }
}

} // namespace defer_clang
