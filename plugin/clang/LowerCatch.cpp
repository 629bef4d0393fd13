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
//       int __defer_panic = __libdefer_panicking != 0
//                           && __libdefer_panicking ();
//       __defer_unwind: try { <the blocks> } catch (...) { goto __defer_unwind; }
//       if (__defer_panic) { [if (__libdefer_recovered ()) return __defer_rv;]
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

std::vector<Stmt *> handler(PluginState &state, Body &body, bool recovers) {
  Builder &b = body.b;
  ASTContext &ctx = b.ctx;
  FunctionDecl *resume =
      b.externFunction("_Unwind_Resume", ctx.VoidTy, {ctx.VoidPtrTy});
  // It unwinds; a plain call, not an invoke, is what the handler wants,
  // and nothrow would let LLVM take the function not to unwind.
  resume->dropAttr<NoThrowAttr>();
  resume->addAttr(NoReturnAttr::CreateImplicit(ctx));
  VarDecl *exn = b.local("__defer_exn", ctx.VoidPtrTy,
                         b.rvalue(b.ref(caughtException(state, ctx))));
  VarDecl *panic = b.local("__defer_panic", ctx.IntTy, panicking(b));
  LabelDecl *unwind = b.label("__defer_unwind");
  std::vector<Stmt *> out{b.declare(exn), b.declare(panic)};
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
  onPanic.push_back(b.call(weakDecl(ctx, b.rt->continue_fn), {}));
  out.push_back(b.ifThen(b.ref(panic), b.block(onPanic)));
  out.push_back(b.call(resume, {b.rvalue(b.ref(exn))}));
  return out;
}

} // namespace

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
