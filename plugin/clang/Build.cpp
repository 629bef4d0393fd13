// The AST builder of Build.h.

#include "Build.h"

#include "clang/AST/Attr.h"

using namespace clang;

namespace defer_clang {

VarDecl *Builder::local(StringRef name, QualType t, Expr *init) {
  auto *vd = VarDecl::Create(ctx, fn, loc, loc, &ctx.Idents.get(name), t,
                             ctx.getTrivialTypeSourceInfo(t, loc), SC_None);
  vd->setImplicit();
  vd->setReferenced();
  // The static analyzer's dead-store check skips variables marked unused:
  // the lowering's stores (a mask bit, a record pointer) need not be read.
  vd->addAttr(UnusedAttr::CreateImplicit(ctx));
  // Implicit alone still gives a debugger a variable (DW_AT_artificial),
  // which gdb lists with the user's.
  vd->addAttr(NoDebugAttr::CreateImplicit(ctx));
  if (init)
    vd->setInit(init);
  return vd;
}

Stmt *Builder::declare(VarDecl *vd) {
  return new (ctx) DeclStmt(DeclGroupRef(vd), loc, loc);
}

Expr *Builder::ref(ValueDecl *vd) {
  return sema.BuildDeclRefExpr(vd, vd->getType(), VK_LValue, loc);
}

Expr *Builder::rvalue(Expr *e) {
  return sema.DefaultFunctionArrayLvalueConversion(e).get();
}

Expr *Builder::integer(QualType t, uint64_t value) {
  return IntegerLiteral::Create(ctx, llvm::APInt(ctx.getIntWidth(t), value), t,
                                loc);
}

Expr *Builder::binary(BinaryOperatorKind op, Expr *lhs, Expr *rhs) {
  return sema.BuildBinOp(nullptr, loc, op, lhs, rhs).get();
}

Expr *Builder::addressOf(Expr *e) {
  return sema.CreateBuiltinUnaryOp(loc, UO_AddrOf, e).get();
}

Expr *Builder::deref(Expr *pointer) {
  return sema.CreateBuiltinUnaryOp(loc, UO_Deref, pointer).get();
}

Expr *Builder::cast(QualType t, Expr *e, CastKind kind) {
  return ImplicitCastExpr::Create(ctx, t, kind, rvalue(e), nullptr,
                                  VK_PRValue, FPOptionsOverride());
}

Expr *Builder::member(Expr *base, FieldDecl *f) {
  bool arrow = base->getType()->isPointerType();
  if (arrow)
    base = rvalue(base);
  return MemberExpr::CreateImplicit(ctx, base, arrow, f, f->getType(),
                                    VK_LValue, OK_Ordinary);
}

Expr *Builder::call(FunctionDecl *callee, ArrayRef<Expr *> args) {
  std::vector<Expr *> values;
  for (Expr *a : args)
    values.push_back(a);
  return sema.BuildCallExpr(nullptr, ref(callee), loc, values, loc).get();
}

Stmt *Builder::ifThen(Expr *cond, Stmt *then, Stmt *otherwise) {
  Expr *c = sema.CheckBooleanCondition(loc, cond).get();
  return IfStmt::Create(ctx, loc, IfStatementKind::Ordinary, nullptr, nullptr,
                        c, loc, loc, then, otherwise ? loc : SourceLocation(),
                        otherwise);
}

Stmt *Builder::whileLoop(Expr *cond, Stmt *body) {
  Expr *c = sema.CheckBooleanCondition(loc, cond).get();
  return WhileStmt::Create(ctx, nullptr, c, body, loc, loc, loc);
}

Stmt *Builder::block(ArrayRef<Stmt *> stmts) {
  return CompoundStmt::Create(ctx, stmts, FPOptionsOverride(), loc, loc);
}

Stmt *Builder::block(ArrayRef<Stmt *> stmts, SourceLocation rbrac) {
  return CompoundStmt::Create(ctx, stmts, FPOptionsOverride(), loc, rbrac);
}

LabelDecl *Builder::label(StringRef name) {
  return LabelDecl::Create(ctx, fn, loc, &ctx.Idents.get(name));
}

Stmt *Builder::labelled(LabelDecl *ld, Stmt *sub) {
  auto *ls = new (ctx) LabelStmt(loc, ld, sub);
  ld->setStmt(ls);
  return ls;
}

RecordDecl *
Builder::record(StringRef name,
                ArrayRef<std::pair<std::string, QualType>> fields,
                TagTypeKind kind) {
  auto *rd = RecordDecl::Create(ctx, kind,
                                ctx.getTranslationUnitDecl(), loc, loc,
                                &ctx.Idents.get(name));
  rd->setImplicit();
  rd->startDefinition();
  for (auto &f : fields) {
    auto *fd = FieldDecl::Create(ctx, rd, loc, loc, &ctx.Idents.get(f.first),
                                 f.second,
                                 ctx.getTrivialTypeSourceInfo(f.second, loc),
                                 nullptr, false, ICIS_NoInit);
    fd->setAccess(AS_public);
    rd->addDecl(fd);
  }
  rd->completeDefinition();
  return rd;
}

FieldDecl *Builder::field(RecordDecl *rd, unsigned index) {
  auto it = rd->field_begin();
  std::advance(it, index);
  return *it;
}

FunctionDecl *Builder::externFunction(StringRef name, QualType result,
                                      ArrayRef<QualType> params) {
  QualType t =
      ctx.getFunctionType(result, params, FunctionProtoType::ExtProtoInfo());
  auto *f = FunctionDecl::Create(ctx, ctx.getTranslationUnitDecl(), loc, loc,
                                 &ctx.Idents.get(name), t,
                                 ctx.getTrivialTypeSourceInfo(t, loc),
                                 SC_Extern);
  std::vector<ParmVarDecl *> parms;
  for (QualType p : params) {
    auto *pd = ParmVarDecl::Create(ctx, f, loc, loc, nullptr, p,
                                   ctx.getTrivialTypeSourceInfo(p, loc),
                                   SC_None, nullptr);
    parms.push_back(pd);
  }
  f->setParams(parms);
  f->setImplicit();
  // libdefer's entry points never unwind: plain calls, no landing pads.
  f->addAttr(NoThrowAttr::CreateImplicit(ctx));
  return f;
}

} // namespace defer_clang
