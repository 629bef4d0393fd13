// How the normal exits and the unwinding paths reach the deferred blocks
// under Clang: the three layouts of a lowered body (Lower.h's Body), each
// drawn in its banner.  The shape decides between them (plan.h): the
// native sites shape has its own; the mask and records shapes run their
// blocks from the end of the body's block, behind one cleanup when
// unwinding runs them.

#include "Lower.h"
#include "Runtime.h"

using namespace clang;

namespace defer_clang {
namespace {

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
  if (auto *cs = dyn_cast<CompoundStmt>(s); cs && opensNoScope(cs)) {
    for (Stmt *child : cs->body())
      flattenInto(child, out);
    return;
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
  if (!p.sites[k].guard_at_exit)
    return block;
  moveToNoLine(s.guard, b.noLine);
  return b.atNoLine().ifThen(s.guard, block);
}

// The jump out of one DeferStmt runs the older ones' bodies on its way
// (Clang branches through enclosing cleanups): __defer_normal == 2 makes
// them do nothing then.
void placeNativeSite(Builder &b, const defer_rules::Plan &p, unsigned k,
                     SiteTrees &s, Stmt *divert, VarDecl *normal) {
  ASTContext &ctx = b.ctx;
  Builder at = b.atNoLine();
  // While its block runs, __defer_normal is 0 again: the landing pads of
  // the calls in it then see the same constant as those of the body's
  // calls (no register holds the flag), and a panic there is diverted.
  Stmt *run = at.ifThen(
      at.binary(BO_NE, at.ref(normal), at.integer(ctx.IntTy, 2)),
      at.block({at.assign(at.ref(normal), at.integer(ctx.IntTy, 0)),
                siteBlock(b, p, k, s),
                at.assign(at.ref(normal), at.integer(ctx.IntTy, 1))}));
  Stmt *d = DeferStmt::Create(ctx, at.loc, at.block({divert, run}));
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


} // namespace

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

// Jump to the end: every exit jumps to one copy of the blocks at the end
// of the body's block, as hand-written cleanup code does; nothing runs
// them on unwinding (without unwinding support, or with blocks Clang
// cannot emit twice):
//
//   { <prologue>  T __defer_rv = 0;
//     { body, each `return e;` -> `__defer_rv = e; goto __defer_done;`
//       __defer_done: { <the blocks> } }
//     return __defer_rv; }
void layoutJumpToEnd(Body &body) {
  Builder &b = body.b;
  if (!body.rv)
    for (Stmt **slot : body.scan.returns)
      *slot = voidExit(b, cast<ReturnStmt>(*slot), body.done);
  appendStatements(body);
  auto *fnBody = cast<CompoundStmt>(b.fn->getBody());
  Builder end = b.at(fnBody->getRBracLoc());
  Builder run = b.atNoLine();
  body.inner.push_back(run.labelled(body.done, run.block(body.parts.finally)));
  body.outer.push_back(b.block(body.inner, end.loc));
  body.outer.push_back(ReturnStmt::Create(
      b.ctx, end.loc, body.rv ? end.rvalue(end.ref(body.rv)) : nullptr,
      nullptr));
}

// One cleanup: a DeferStmt first in the body's block runs the blocks on
// unwinding only; the normal exits jump to them at the end of the block,
// inside its scope, so that a block that panics is unwound like the body.
// A panic (not another exception) is diverted to a path after the return
// where a block may panic in turn:
//
//   { <prologue>  int __defer_normal = 0;  T __defer_rv = 0;
//     { _Defer { if (__defer_normal == 0) { <divert a panic>; <the blocks> } }
//       body, each `return e;` -> `__defer_rv = e; goto __defer_run;`
//       __defer_run: { <the blocks> }  __defer_normal = 1; }
//     __defer_done: return __defer_rv;
//     __defer_unwind: { _Defer { if (<pending>) goto __defer_unwind; }
//                       <the blocks> }
//     [if (__libdefer_recovered ()) return __defer_rv;]
//     __libdefer_continue (); }
//
// On the normal paths __defer_normal is a constant 1 where the DeferStmt's
// block is emitted, and the optimiser drops it.
void layoutOneCleanup(Body &body, bool recovers) {
  Builder &b = body.b;
  ASTContext &ctx = b.ctx;
  Builder exit = b.atNoLine();
  LabelDecl *run = exit.label("__defer_run");
  LabelDecl *unwind = exit.label("__defer_unwind");
  VarDecl *normal = declareNormal(body);
  jumpToRun(b, body.scan, run);
  body.inner.push_back(DeferStmt::Create(
      ctx, exit.loc,
      exit.block({unwindingCleanup(exit, body.parts, normal, unwind)})));
  appendStatements(body);
  body.inner.push_back(exit.labelled(run, exit.block(body.parts.finally)));
  // At the closing brace: the blocks' last test jumps here, to the start
  // of a line where a debugger stops after the blocks.
  Builder end = b.at(cast<CompoundStmt>(b.fn->getBody())->getRBracLoc());
  body.inner.push_back(end.assign(end.ref(normal), end.integer(ctx.IntTy, 1)));
  finishWithUnwinding(body, unwind, recovers);
}

// Native sites: each `defer` becomes a DeferStmt where it stands in the
// body's block, whose scope is the rest of the block; Clang runs each on
// every way out past it, newest first, and on unwinding.  Its landing
// pads divert a panic to a chain after the return that runs the blocks
// due from there, each in a scope of its own so that one that panics
// lets the older ones run:
//
//   { <prologue>  int __defer_normal = 0;  T __defer_rv = 0;
//     { A;  _Defer { <divert a panic to __defer_unwind0>;
//                    if (__defer_normal != 2) { X } }
//       B;  _Defer { <divert a panic to __defer_unwind1>; ... Y ... }
//       C, each `return e;` -> `__defer_rv = e; __defer_normal = 1;
//                                goto __defer_done;`
//       __defer_normal = 1; }
//     __defer_done: return __defer_rv;
//     __defer_unwind1: { <Y, in a scope whose cleanup goes on to 0> }
//     __defer_unwind0: { <X, likewise, on to __defer_unwind> }
//     __defer_unwind: ;  [if (__libdefer_recovered ()) return __defer_rv;]
//     __libdefer_continue (); }
void layoutNative(Body &body, bool recovers) {
  Builder &b = body.b;
  ASTContext &ctx = b.ctx;
  Builder exit = b.atNoLine();
  LabelDecl *unwind = exit.label("__defer_unwind");
  VarDecl *normal = declareNormal(body);
  markNormalExits(b, body.scan, normal);
  std::vector<LabelDecl *> unwindAt; // the chain's entry per site
  for (unsigned k = 0; k < body.scan.sites.size(); k++) {
    unwindAt.push_back(exit.label("__defer_unwind" + std::to_string(k)));
    placeNativeSite(b, body.p, k, body.scan.sites[k],
                    divertPanics(exit, normal, unwindAt[k]), normal);
  }
  auto *fnBody = cast<CompoundStmt>(b.fn->getBody());
  for (Stmt *s : fnBody->body())
    flattenInto(s, body.inner);
  body.inner.push_back(
      exit.assign(exit.ref(normal), exit.integer(ctx.IntTy, 1)));
  body.parts.native = true;
  std::vector<Stmt *> chain;
  nativeUnwindingChain(exit, body.scan, body.p, unwindAt, unwind, chain);
  finishWithUnwinding(body, unwind, recovers, chain);
}

} // namespace defer_clang
