// SPDX-License-Identifier: MIT
// Locals declared inside deferred blocks move to the function's outermost
// block; each declaration becomes an assignment of its initialiser.
//
// Why: Clang 22 emits the body of a DeferStmt twice, on the normal exit
// path and on the unwinding path, but a local declared in it keeps the
// address of its first emission: on the unwinding path the declaration
// initialises a new slot while the uses read the old one.  With the
// locals out of the body both copies use the same slot.  Arrays with an
// initialiser and variably modified types stay where they are.

#include "Lower.h"

#include "clang/AST/Expr.h"

using namespace clang;

namespace defer_clang {
namespace {

bool hoistable(const VarDecl *vd) {
  if (!vd->hasLocalStorage() || isa<ParmVarDecl>(vd))
    return false;
  QualType t = vd->getType();
  if (t->isVariablyModifiedType())
    return false;
  return !(t->isArrayType() && vd->getInit());
}

// VD = its initialiser, or null if it has none.
Expr *initialisation(Builder &b, VarDecl *vd) {
  Expr *init = vd->getInit();
  if (!init)
    return nullptr;
  ASTContext &ctx = b.ctx;
  QualType t = vd->getType();
  if (auto *list = dyn_cast<InitListExpr>(init)) {
    // A struct or union: assign a compound literal with the same list.
    auto *literal = new (ctx) CompoundLiteralExpr(
        list->getBeginLoc(), ctx.getTrivialTypeSourceInfo(t), t, VK_LValue,
        list, false);
    init = ImplicitCastExpr::Create(ctx, t.getUnqualifiedType(),
                                    CK_LValueToRValue, literal, nullptr,
                                    VK_PRValue, FPOptionsOverride());
  }
  vd->setInit(nullptr);
  // Built directly, not through Sema: the variable may be const.
  return BinaryOperator::Create(ctx, b.ref(vd), init, BO_Assign,
                                t.getUnqualifiedType(), VK_PRValue,
                                OK_Ordinary, vd->getLocation(),
                                FPOptionsOverride());
}

void hoistIn(Builder &b, Stmt *&slot, std::vector<Stmt *> &decls) {
  if (!slot)
    return;
  if (auto *ds = dyn_cast<DeclStmt>(slot)) {
    for (Decl *d : ds->decls()) {
      auto *vd = dyn_cast<VarDecl>(d);
      if (!vd || !hoistable(vd))
        return;
    }
    std::vector<Stmt *> assignments;
    for (Decl *d : ds->decls()) {
      auto *vd = cast<VarDecl>(d);
      if (Expr *e = initialisation(b, vd))
        assignments.push_back(e);
      decls.push_back(b.declare(vd));
    }
    if (assignments.size() == 1)
      slot = assignments[0];
    else if (assignments.empty())
      slot = new (b.ctx) NullStmt(ds->getBeginLoc());
    else
      slot = b.at(ds->getBeginLoc()).block(assignments);
    return;
  }
  for (Stmt *&child : slot->children())
    hoistIn(b, child, decls);
}

} // namespace

void hoistLocalsOf(Builder &b, Stmt *&s, std::vector<Stmt *> &decls) {
  hoistIn(b, s, decls);
}

std::vector<Stmt *> hoistBlockLocals(Builder &b, Scan &scan) {
  std::vector<Stmt *> decls;
  for (SiteTrees &s : scan.sites) {
    Stmt *body = s.marker->getBody();
    hoistIn(b, body, decls);
    s.marker->setBody(body);
  }
  return decls;
}

} // namespace defer_clang
