// SPDX-License-Identifier: MIT
// What the catch-all handlers of LowerCatch.cpp need in a C unit.  Clang
// emits a handler as for C++: it calls __cxa_begin_catch (exception) as the
// handler starts and __cxa_end_catch () as it ends, which C's run time
// does not have and C's personality routine does not need.  The unit gets
// its own, internal and always inlined, which Clang's calls then reach
// (it names its run-time functions, so a definition of the name is
// taken):
//
//   static __thread void *__defer_caught_exception = 0;
//   static void *__cxa_begin_catch (void *e)
//   { __defer_caught_exception = e; return e; }
//   static void __cxa_end_catch (void) {}
//
// A handler reads __defer_caught_exception first, to resume the
// unwinding with it.

#include "DeferPlugin.h"
#include "Build.h"

#include "clang/AST/Attr.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace defer_clang {
namespace {

FunctionDecl *internalFunction(Builder &b, StringRef name, QualType result,
                               ArrayRef<QualType> params) {
  ASTContext &ctx = b.ctx;
  QualType t =
      ctx.getFunctionType(result, params, FunctionProtoType::ExtProtoInfo());
  auto *f = FunctionDecl::Create(ctx, ctx.getTranslationUnitDecl(), b.loc,
                                 b.loc, &ctx.Idents.get(name), t,
                                 ctx.getTrivialTypeSourceInfo(t, b.loc),
                                 SC_Static);
  std::vector<ParmVarDecl *> parms;
  for (QualType p : params)
    parms.push_back(ParmVarDecl::Create(ctx, f, b.loc, b.loc,
                                        &ctx.Idents.get("e"), p,
                                        ctx.getTrivialTypeSourceInfo(p, b.loc),
                                        SC_None, nullptr));
  f->setParams(parms);
  f->setImplicit();
  f->addAttr(AlwaysInlineAttr::CreateImplicit(ctx));
  f->addAttr(NoThrowAttr::CreateImplicit(ctx));
  return f;
}

} // namespace

VarDecl *caughtException(PluginState &state, ASTContext &ctx) {
  if (state.caughtException)
    return state.caughtException;
  SourceLocation loc;
  QualType t = ctx.VoidPtrTy;
  auto *vd = VarDecl::Create(ctx, ctx.getTranslationUnitDecl(), loc, loc,
                             &ctx.Idents.get("__defer_caught_exception"), t,
                             ctx.getTrivialTypeSourceInfo(t, loc), SC_Static);
  vd->setTSCSpec(TSCS___thread);
  vd->setInit(new (ctx) ImplicitValueInitExpr(t));
  vd->setImplicit();
  vd->setReferenced();
  state.caughtException = vd;
  return vd;
}

void defineCatchSupport(PluginState &state, ASTContext &ctx) {
  VarDecl *caught = state.caughtException;
  if (!caught || !state.ci->hasASTConsumer())
    return;
  Sema &sema = state.ci->getSema();
  Builder b{sema, ctx, nullptr, SourceLocation()};
  FunctionDecl *begin = internalFunction(b, "__cxa_begin_catch",
                                         ctx.VoidPtrTy, {ctx.VoidPtrTy});
  b.fn = begin;
  ParmVarDecl *e = begin->getParamDecl(0);
  begin->setBody(b.block(
      {b.assign(b.ref(caught), b.rvalue(b.ref(e))),
       ReturnStmt::Create(ctx, b.loc, b.rvalue(b.ref(e)), nullptr)}));
  FunctionDecl *end = internalFunction(b, "__cxa_end_catch", ctx.VoidTy, {});
  end->setBody(b.block({}));
  ASTConsumer &codegen = state.ci->getASTConsumer();
  for (Decl *d : std::initializer_list<Decl *>{caught, begin, end})
    codegen.HandleTopLevelDecl(DeclGroupRef(d));
}

} // namespace defer_clang
