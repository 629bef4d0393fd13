// SPDX-License-Identifier: MIT
// The unwinding layout for Clang before 22, which has no DeferStmt: the
// body runs in a catch-all handler's try, and the handler is ordinary code
// of the function, which may jump and return:
//
//   { <prologue>  T __defer_rv = 0;
//     try {
//       body, each `return e;` -> `__defer_rv = e; goto __defer_done;`
//       __defer_done: { <the blocks> }
//     } catch (...) {
//       void *__defer_exn = __defer_caught_exception;
//       if (__libdefer_panicking != 0 && __libdefer_panicking ())
//         __defer_exn = 0;
//       __defer_unwind: try { <the blocks> } catch (...) { goto __defer_unwind; }
//       if (!__defer_exn) { [if (__libdefer_recovered ()) return __defer_rv;]
//                            __libdefer_continue (); }
//       _Unwind_Resume (__defer_exn);
//     }
//     return __defer_rv; }
//
// The normal exits are those of the jump-to-end layout: the blocks are
// inlined where the returns meet, as hand-written cleanup code has them.
// A block clears its bit (or pops its record) before it runs, so a block
// that panics, on a normal exit or in the handler, leaves the older ones
// to the handler, and the newest panic goes on when none is left.
//
// C has no try statement; Clang's code generation emits the C++ one in C
// too, with C's personality routine, which enters a landing pad whatever
// its clauses say.  The two C++ run-time calls it puts in a handler are
// defined in the unit, one of them keeping the exception in a variable
// the handler reads (CatchSupport.cpp).

#include "Compat.h"
#include "DeferPlugin.h"
#include "Lower.h"
#include "Runtime.h"

#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace defer_clang {
namespace {

FunctionDecl *weakDecl(ASTContext &ctx, FunctionDecl *fn) {
  if (!fn->hasAttr<WeakAttr>())
    fn->addAttr(WeakAttr::CreateImplicit(ctx));
  return fn;
}

// try { BODY } catch (...) { HANDLER }
Stmt *tryCatchAll(Builder &b, Stmt *body, Stmt *handler) {
  auto *all = new (b.ctx) CXXCatchStmt(b.loc, nullptr, handler);
  Stmt *handlers[] = {all};
  return CXXTryStmt::Create(b.ctx, b.loc, cast<CompoundStmt>(body), handlers);
}

// __libdefer_panicking != 0 && __libdefer_panicking (), weakly: a program
// without libdefer has no panics.
Expr *panicking(Builder &b) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *fn = weakDecl(ctx, b.rt->panicking_fn);
  Expr *addr = b.rvalue(b.ref(fn));
  Expr *linked =
      b.binary(BO_NE, addr,
               b.cast(addr->getType(), b.integer(ctx.IntTy, 0),
                      CK_NullToPointer));
  return b.binary(BO_LAnd, linked, b.call(fn, {}));
}

// What a handler keeps while its blocks run, in one value: the exception
// to resume with, or null when a panic unwinds (libdefer knows which one
// goes on).  One value fits in a callee-saved register that the normal
// path saves anyway; two needed a frame of their own or one more register,
// both paid on every call (docs/PERFORMANCE.md, "Clang 19").
//   void *NAME = __defer_caught_exception;
//   if (<panicking>) NAME = 0;
VarDecl *unwinding(PluginState &state, Builder &b, const std::string &name,
                   std::vector<Stmt *> &out) {
  ASTContext &ctx = b.ctx;
  VarDecl *exn = b.local(name, ctx.VoidPtrTy,
                         b.rvalue(b.ref(caughtException(state, ctx))));
  out.push_back(b.declare(exn));
  out.push_back(b.ifThen(
      panicking(b),
      b.assign(b.ref(exn), b.cast(ctx.VoidPtrTy, b.integer(ctx.IntTy, 0),
                                  CK_NullToPointer))));
  return exn;
}

// !NAME: a panic unwinds.
Expr *isPanic(Builder &b, VarDecl *exn) {
  return b.binary(BO_EQ, b.rvalue(b.ref(exn)),
                  b.cast(b.ctx.VoidPtrTy, b.integer(b.ctx.IntTy, 0),
                         CK_NullToPointer));
}

FunctionDecl *resumeDecl(Builder &b) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *resume =
      b.externFunction("_Unwind_Resume", ctx.VoidTy, {ctx.VoidPtrTy});
  // It unwinds: nothrow would let LLVM take the function not to unwind.
  resume->dropAttr<NoThrowAttr>();
  resume->addAttr(NoReturnAttr::CreateImplicit(ctx));
  return resume;
}

// The end of a handler: go on unwinding, or with the newest panic.
void goOnUnwinding(Builder &b, VarDecl *exn, std::vector<Stmt *> onPanic,
                   std::vector<Stmt *> &out) {
  onPanic.push_back(b.call(weakDecl(b.ctx, b.rt->continue_fn), {}));
  out.push_back(b.ifThen(isPanic(b, exn), b.block(onPanic)));
  out.push_back(b.call(resumeDecl(b), {b.rvalue(b.ref(exn))}));
}

// A handler that runs RUN as the unwinding passes (a panic in it is left
// for the older ones), then ON_PANIC if a panic unwinds, then goes on
// unwinding, which a local NAME keeps.
std::vector<Stmt *> handlerRunning(PluginState &state, Builder &b, Stmt *run,
                                   const std::string &name,
                                   std::vector<Stmt *> onPanic) {
  std::vector<Stmt *> out;
  VarDecl *exn = unwinding(state, b, name, out);
  out.push_back(tryCatchAll(b, b.block({run}), b.block({})));
  goOnUnwinding(b, exn, std::move(onPanic), out);
  return out;
}

std::vector<Stmt *> handler(PluginState &state, Body &body, bool recovers) {
  Builder &b = body.b;
  ASTContext &ctx = b.ctx;
  std::vector<Stmt *> out;
  VarDecl *exn = unwinding(state, b, "__defer_exn", out);
  LabelDecl *unwind = b.label("__defer_unwind");
  Stmt *retry = tryCatchAll(b, b.block(body.parts.finally),
                            b.block({new (ctx) GotoStmt(unwind, b.loc,
                                                        b.loc)}));
  out.push_back(b.labelled(unwind, retry));
  std::vector<Stmt *> onPanic;
  if (recovers) {
    Expr *value = body.rv ? b.rvalue(b.ref(body.rv)) : nullptr;
    onPanic.push_back(b.ifThen(b.call(b.rt->recovered_fn, {}),
                               ReturnStmt::Create(ctx, b.loc, value,
                                                  nullptr)));
  }
  goOnUnwinding(b, exn, std::move(onPanic), out);
  return out;
}

// The handler of site K's scope in the native layout: its block runs (a
// panic in it is left for the older ones), then the unwinding goes on
// from here, which is inside the older sites' scopes, or, once a block
// recovered the panic, the older blocks run as on a return (AFTER).
std::vector<Stmt *> siteHandler(PluginState &state, Body &body, unsigned k,
                                bool recovers, LabelDecl *after) {
  Builder &b = body.b;
  std::vector<Stmt *> onPanic;
  if (recovers)
    onPanic.push_back(b.ifThen(b.call(b.rt->recovered_fn, {}),
                               new (b.ctx) GotoStmt(after, b.loc, b.loc)));
  return handlerRunning(state, b,
                        siteBlock(b, body.p, k, body.scan.sites[k]),
                        "__defer_exn" + std::to_string(k), std::move(onPanic));
}

// Whether S is or holds EXIT.
bool holds(Stmt *s, Stmt *exit) {
  if (!s)
    return false;
  if (s == exit)
    return true;
  for (Stmt *child : s->children())
    if (holds(child, exit))
      return true;
  return false;
}

} // namespace

// Native sites without DeferStmts: each `defer` of the body's block opens
// a try whose handler runs its block, where it stands; each exit jumps to
// the blocks due from where it is, inlined newest first after the tries,
// where the older sites' handlers still cover them, as hand-written
// cleanup code has them, and no mask says which are due:
//
//   { <prologue>  T __defer_rv = 0;
//     A;
//     try {                     (defer X)
//       B; `return e;` -> `__defer_rv = e; goto __defer_run0;`
//       try {                   (defer Y)
//         C; `return g;` -> `__defer_rv = g; goto __defer_run1;`
//       } catch (...) { <Y; go on unwinding, or to __defer_run0 if it
//                        recovered the panic> }
//       __defer_run1: Y;
//     } catch (...) { <X; go on unwinding, or to __defer_done> }
//     __defer_run0: X;
//     __defer_done: return __defer_rv; }
void layoutNativeCatch(PluginState &state, Body &body, bool recovers) {
  Builder &b = body.b;
  ASTContext &ctx = b.ctx;
  Scan &scan = body.scan;
  unsigned n = scan.sites.size();
  // Each site's statement becomes a marker to split the block at.
  std::vector<Stmt *> markers;
  for (unsigned k = 0; k < n; k++) {
    markers.push_back(new (ctx) NullStmt(scan.sites[k].loc));
    SiteTrees &s = scan.sites[k];
    *(s.guardSlot ? s.guardSlot : s.slot) = markers[k];
  }
  redirectVoidReturns(body);
  std::vector<GotoStmt *> exitJumps;
  for (Stmt **slot : scan.returns) {
    Stmt *exit = *slot;
    if (auto *cs = dyn_cast<CompoundStmt>(exit))
      exit = cs->body_back();
    exitJumps.push_back(cast<GotoStmt>(exit));
  }
  std::vector<LabelDecl *> run;
  for (unsigned k = 0; k < n; k++)
    run.push_back(b.label("__defer_run" + std::to_string(k)));
  // segments[j]: the statements after j sites.
  std::vector<std::vector<Stmt *>> segments(n + 1);
  segments[0] = body.inner;
  auto *fnBody = cast<CompoundStmt>(b.fn->getBody());
  std::vector<Stmt *> flat;
  for (Stmt *st : fnBody->body())
    flattenInto(st, flat);
  unsigned j = 0;
  for (Stmt *st : flat) {
    if (j < n && st == markers[j]) {
      j++;
      continue;
    }
    segments[j].push_back(st);
  }
  // Each exit jumps to the newest block due where it is.  Its jump may
  // have been spliced into the block: it is retargeted in place.
  for (GotoStmt *jump : exitJumps) {
    unsigned due = 0;
    for (unsigned k = 0; k <= n; k++)
      for (Stmt *st : segments[k])
        if (holds(st, jump))
          due = k;
    jump->setLabel(due ? run[due - 1] : body.done);
  }
  // From the innermost scope out.
  std::vector<Stmt *> content = segments[n];
  for (unsigned k = n; k-- > 0;) {
    Builder at = b.at(scan.sites[k].loc);
    LabelDecl *after = k ? run[k - 1] : body.done;
    std::vector<Stmt *> outer = segments[k];
    outer.push_back(tryCatchAll(
        at, at.block(content),
        at.block(siteHandler(state, body, k, recovers, after))));
    outer.push_back(at.labelled(run[k], siteBlock(at, body.p, k,
                                                  scan.sites[k])));
    content = std::move(outer);
  }
  body.outer.push_back(b.block(content));
  Builder end = b.at(fnBody->getRBracLoc());
  body.outer.push_back(end.labelled(
      body.done,
      ReturnStmt::Create(ctx, end.loc,
                         body.rv ? end.rvalue(end.ref(body.rv)) : nullptr,
                         nullptr)));
}

Stmt *catchAll(Builder &b, Stmt *body, Stmt *handler) {
  return tryCatchAll(b, body, handler);
}

std::vector<Stmt *> scopedHandler(PluginState &state, Builder &b, Stmt *run,
                                  const std::string &name) {
  return handlerRunning(state, b, run, name, {});
}

std::vector<Stmt *> keepUnwinding(PluginState &state, Builder &b,
                                  VarDecl *exn) {
  std::vector<Stmt *> out;
  VarDecl *caught = unwinding(state, b, exn->getName().str() + "_caught", out);
  out.push_back(b.assign(b.ref(exn), b.rvalue(b.ref(caught))));
  return out;
}

Stmt *resumeUnwinding(Builder &b, VarDecl *exn) {
  std::vector<Stmt *> out;
  goOnUnwinding(b, exn, {}, out);
  return b.block(out);
}

void layoutCatch(PluginState &state, Body &body, bool recovers) {
  Builder &b = body.b;
  redirectVoidReturns(body);
  appendStatements(body);
  auto *fnBody = cast<CompoundStmt>(b.fn->getBody());
  Builder end = b.at(fnBody->getRBracLoc());
  body.inner.push_back(end.labelled(body.done, end.block(body.parts.finally)));
  body.outer.push_back(
      tryCatchAll(b, b.block(body.inner), b.block(handler(state, body, recovers))));
  body.outer.push_back(ReturnStmt::Create(
      b.ctx, end.loc, body.rv ? end.rvalue(end.ref(body.rv)) : nullptr,
      nullptr));
}

} // namespace defer_clang
