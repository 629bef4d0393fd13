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

#include "Scan.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/raw_ostream.h"

#include "defer-rules.h"

using namespace clang;

namespace defer_clang {
namespace {

struct Builder {
  Sema &sema;
  ASTContext &ctx;
  FunctionDecl *fn;
  SourceLocation loc;

  VarDecl *local(StringRef name, QualType type) {
    auto *vd = VarDecl::Create(ctx, fn, loc, loc, &ctx.Idents.get(name), type,
                               ctx.getTrivialTypeSourceInfo(type, loc),
                               SC_None);
    vd->setImplicit();
    vd->setReferenced();
    return vd;
  }

  Stmt *declare(VarDecl *vd) {
    return new (ctx) DeclStmt(DeclGroupRef(vd), loc, loc);
  }

  Expr *ref(VarDecl *vd) {
    return sema.BuildDeclRefExpr(vd, vd->getType(), VK_LValue, loc);
  }

  Expr *integer(QualType type, uint64_t value) {
    return IntegerLiteral::Create(
        ctx, llvm::APInt(ctx.getIntWidth(type), value), type, loc);
  }

  Expr *binary(BinaryOperatorKind op, Expr *lhs, Expr *rhs) {
    return sema.BuildBinOp(nullptr, loc, op, lhs, rhs).get();
  }

  Stmt *ifThen(Expr *cond, Stmt *then) {
    Expr *c = sema.CheckBooleanCondition(loc, cond).get();
    return IfStmt::Create(ctx, loc, IfStatementKind::Ordinary, nullptr,
                          nullptr, c, loc, loc, then);
  }

  Stmt *block(ArrayRef<Stmt *> stmts) {
    return CompoundStmt::Create(ctx, stmts, FPOptionsOverride(), loc, loc);
  }

  LabelDecl *label(StringRef name) {
    return LabelDecl::Create(ctx, fn, loc, &ctx.Idents.get(name));
  }

  Stmt *labelled(LabelDecl *ld, Stmt *sub) {
    auto *ls = new (ctx) LabelStmt(loc, ld, sub);
    ld->setStmt(ls);
    return ls;
  }
};

// Locals named by deferred blocks stay alive until the function returns.
void keepAlive(Builder &b, Scan &scan) {
  llvm::SmallPtrSet<Stmt *, 8> done;
  unsigned n = 0;
  for (auto &use : scan.namedBySite) {
    auto it = scan.vars.find(use.second);
    if (it == scan.vars.end() || done.count(*it->second.slot))
      continue;
    Stmt **slot = it->second.slot;
    *slot = b.labelled(b.label("__defer_live" + std::to_string(n++)), *slot);
    done.insert(*slot);
  }
}

void lowerOpenCoded(Builder &b, Scan &scan) {
  ASTContext &ctx = b.ctx;
  FunctionDecl *fn = b.fn;
  QualType maskType =
      scan.sites.size() > 32 ? ctx.UnsignedLongLongTy : ctx.UnsignedIntTy;
  VarDecl *mask = b.local("__defer_mask", maskType);
  mask->setInit(b.integer(maskType, 0));

  // Newest first, each under its bit; then the marker loops become bit sets.
  std::vector<Stmt *> finally;
  for (unsigned i = scan.sites.size(); i-- > 0;) {
    Site &s = scan.sites[i];
    Builder at = b;
    at.loc = s.loc;
    Expr *bit = at.integer(maskType, uint64_t(1) << i);
    finally.push_back(at.ifThen(at.binary(BO_And, at.ref(mask), bit),
                                s.marker->getBody()));
    *s.slot = at.binary(BO_OrAssign, at.ref(mask),
                        at.integer(maskType, uint64_t(1) << i));
  }
  keepAlive(b, scan);

  QualType retType = fn->getReturnType();
  bool returnsValue = !retType->isVoidType();
  VarDecl *rv = nullptr;
  LabelDecl *done = nullptr;
  if (returnsValue) {
    rv = b.local("__defer_rv", retType.getUnqualifiedType());
    rv->setInit(new (ctx) ImplicitValueInitExpr(rv->getType()));
    done = b.label("__defer_done");
    for (Stmt **slot : scan.returns) {
      auto *ret = cast<ReturnStmt>(*slot);
      Builder at = b;
      at.loc = ret->getReturnLoc();
      std::vector<Stmt *> stmts;
      if (Expr *value = ret->getRetValue())
        stmts.push_back(at.binary(BO_Assign, at.ref(rv), value));
      stmts.push_back(new (ctx) GotoStmt(done, at.loc, at.loc));
      *slot = at.block(stmts);
    }
    for (DeclRefExpr *ref : scan.resultRefs)
      ref->setDecl(rv);
  }

  auto *body = cast<CompoundStmt>(fn->getBody());
  std::vector<Stmt *> inner;
  inner.push_back(DeferStmt::Create(ctx, b.loc, b.block(finally)));
  for (Stmt *s : body->body())
    inner.push_back(s);
  std::vector<Stmt *> outer;
  outer.push_back(b.declare(mask));
  if (rv)
    outer.push_back(b.declare(rv));
  outer.push_back(b.block(inner));
  if (rv) {
    Builder end = b;
    end.loc = body->getRBracLoc();
    Expr *value = b.sema.DefaultLvalueConversion(end.ref(rv)).get();
    outer.push_back(end.labelled(
        done, ReturnStmt::Create(ctx, end.loc, value, nullptr)));
  }
  fn->setBody(CompoundStmt::Create(ctx, outer, FPOptionsOverride(),
                                   body->getLBracLoc(), body->getRBracLoc()));
}

void report(ASTContext &ctx, const Scan &scan,
            const defer_rules::FunctionFacts &facts,
            const defer_rules::Decision &d) {
  for (unsigned i = 0; i < scan.sites.size(); i++)
    note(ctx, scan.sites[i].loc, defer_rules::describe_site(facts, d, i));
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
  if (d.lowering != defer_rules::Lowering::open_coded) {
    unsigned site = d.culprit_site >= 0 ? d.culprit_site : 0;
    error(ctx, scan.sites[site].loc,
          "'defer' needing run-time records is not supported by the Clang "
          "plugin yet");
    return;
  }
  Builder b{state.ci->getSema(), ctx, fn, fn->getBody()->getBeginLoc()};
  lowerOpenCoded(b, scan);
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
