// SPDX-License-Identifier: MIT
// The expression shapes the shared rules read (model.h), matched in
// Clang's AST: a loop's test and step, a counted goto's test, what a guard
// reads, and the variables a variably modified type's sizes read.  The
// same shapes as the GCC plugin's shapes.cc.

#include "Scan.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

using namespace clang;
using defer_rules::Comparison;
using defer_rules::none;

namespace defer_clang {

namespace {

const ASTContext &contextOf(const Scan &scan) {
  return scan.fn->getASTContext();
}

// Whether the cast E keeps every value of what it converts.
bool keepsValues(const ASTContext &ctx, const CastExpr *e) {
  switch (e->getCastKind()) {
  case CK_LValueToRValue:
  case CK_NoOp:
    return true;
  case CK_IntegralCast: {
    QualType from = e->getSubExpr()->getType(), to = e->getType();
    return defer_rules::keeps_values(
        ctx.getIntWidth(from), from->isSignedIntegerOrEnumerationType(),
        ctx.getIntWidth(to), to->isSignedIntegerOrEnumerationType());
  }
  default:
    return false;
  }
}

// E without parentheses and the casts that keep every value; *EXACT is
// cleared when a cast that may change values stops the stripping.
const Expr *stripExact(const ASTContext &ctx, const Expr *e, bool *exact) {
  while (true) {
    e = e->IgnoreParens();
    auto *cast = dyn_cast<CastExpr>(e);
    if (!cast)
      return e;
    if (!keepsValues(ctx, cast)) {
      *exact = false;
      return e;
    }
    e = cast->getSubExpr();
  }
}

// The truth value of E, through parentheses and casts (which keep it).
const Expr *stripTruth(const Expr *e) {
  while (true) {
    e = e->IgnoreParens();
    if (auto *cast = dyn_cast<CastExpr>(e))
      e = cast->getSubExpr();
    else
      return e;
  }
}

// The variable of E after casts that keep values, else through any cast
// with *EXACT cleared; none if E is no variable.
int comparedVar(const Scan &scan, const Expr *e, bool *exact) {
  e = stripTruth(stripExact(contextOf(scan), e, exact));
  auto *ref = dyn_cast<DeclRefExpr>(e);
  return ref ? scan.varId(ref->getDecl()) : none;
}

// The constant the comparison sees in E, if it is one that fits a long
// long (as GCC's tree_fits_shwi_p).
bool limitOf(const Scan &scan, const Expr *e, long long *limit) {
  std::optional<llvm::APSInt> v =
      e->getIntegerConstantExpr(contextOf(scan));
  if (!v)
    return false;
  if (v->isUnsigned() ? v->getActiveBits() > 63 : !v->isSignedIntN(64))
    return false;
  *limit = v->isUnsigned() ? (long long)v->getZExtValue() : v->getSExtValue();
  return true;
}

bool opOf(BinaryOperatorKind kind, Comparison::Op *op) {
  switch (kind) {
  case BO_LT:
    *op = Comparison::lt;
    return true;
  case BO_LE:
    *op = Comparison::le;
    return true;
  case BO_NE:
    *op = Comparison::ne;
    return true;
  default:
    return false;
  }
}

// The first statement of a loop body, inside its braces.
const Stmt *firstStatement(const Stmt *body) {
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(body))
    body = cs->body_empty() ? nullptr : cs->body_front();
  return body;
}

bool pureReads(const Scan &scan, const Expr *e, std::vector<int> *vars);

bool pureCast(const Scan &scan, const CastExpr *cast, std::vector<int> *vars) {
  const Expr *sub = cast->getSubExpr();
  // Reading memory other than a variable's own value is not pure.
  if (cast->getCastKind() == CK_LValueToRValue &&
      !isa<DeclRefExpr>(sub->IgnoreParens()))
    return false;
  return pureReads(scan, sub, vars);
}

bool pureReads(const Scan &scan, const Expr *e, std::vector<int> *vars) {
  e = e->IgnoreParens();
  if (isa<IntegerLiteral>(e) || isa<CharacterLiteral>(e) ||
      isa<FloatingLiteral>(e))
    return true;
  if (auto *ref = dyn_cast<DeclRefExpr>(e)) {
    if (isa<EnumConstantDecl>(ref->getDecl()))
      return true;
    int v = scan.varId(ref->getDecl());
    if (v == none)
      return false;
    vars->push_back(v);
    return true;
  }
  if (auto *cast = dyn_cast<CastExpr>(e))
    return pureCast(scan, cast, vars);
  if (auto *u = dyn_cast<UnaryOperator>(e))
    return !u->isIncrementDecrementOp() && u->getOpcode() != UO_Deref &&
           u->getOpcode() != UO_AddrOf && pureReads(scan, u->getSubExpr(), vars);
  if (auto *b = dyn_cast<BinaryOperator>(e))
    return !b->isAssignmentOp() && !b->isCommaOp() &&
           pureReads(scan, b->getLHS(), vars) &&
           pureReads(scan, b->getRHS(), vars);
  // sizeof and _Alignof of a type or expression without a VLA.
  if (auto *t = dyn_cast<UnaryExprOrTypeTraitExpr>(e))
    return !t->getTypeOfArgument()->isVariablyModifiedType();
  return false;
}

void collectVars(const Scan &scan, const Stmt *s, std::vector<int> *vars) {
  if (!s)
    return;
  if (auto *ref = dyn_cast<DeclRefExpr>(s)) {
    int v = scan.varId(ref->getDecl());
    if (v != none && std::find(vars->begin(), vars->end(), v) == vars->end())
      vars->push_back(v);
  }
  for (const Stmt *child : s->children())
    collectVars(scan, child, vars);
}

} // namespace

Comparison loopTest(const Scan &scan, const Expr *cond) {
  Comparison c;
  auto *test = cond ? dyn_cast<BinaryOperator>(stripTruth(cond)) : nullptr;
  Comparison::Op op;
  long long limit;
  if (!test || !opOf(test->getOpcode(), &op) ||
      !limitOf(scan, test->getRHS(), &limit))
    return c;
  c.exact = true;
  c.var = comparedVar(scan, test->getLHS(), &c.exact);
  c.op = op;
  c.limit = limit;
  return c;
}

int steppedVar(const Scan &scan, const Stmt *step) {
  auto *e = dyn_cast_or_null<Expr>(step);
  auto *inc = e ? dyn_cast<UnaryOperator>(stripTruth(e)) : nullptr;
  if (!inc || !inc->isIncrementOp())
    return none;
  auto *ref = dyn_cast<DeclRefExpr>(inc->getSubExpr()->IgnoreParens());
  return ref ? scan.varId(ref->getDecl()) : none;
}

int bodySteppedVar(const Scan &scan, const Stmt *body) {
  return steppedVar(scan, firstStatement(body));
}

// `if (++v < K) goto L;` (or <=).
Comparison countedGotoTest(const Scan &scan, const Expr *cond) {
  Comparison c;
  auto *test = dyn_cast<BinaryOperator>(stripTruth(cond));
  Comparison::Op op;
  long long limit;
  if (!test || !opOf(test->getOpcode(), &op) || op == Comparison::ne ||
      !limitOf(scan, test->getRHS(), &limit))
    return c;
  bool exact = true;
  auto *step = dyn_cast<UnaryOperator>(
      stripTruth(stripExact(contextOf(scan), test->getLHS(), &exact)));
  if (!step || step->getOpcode() != UO_PreInc)
    return c;
  auto *ref = dyn_cast<DeclRefExpr>(step->getSubExpr()->IgnoreParens());
  c.var = ref ? scan.varId(ref->getDecl()) : none;
  c.op = op;
  c.limit = limit;
  c.exact = exact;
  return c;
}

defer_rules::Guard guardFacts(const Scan &scan, const Expr *cond,
                              unsigned at) {
  defer_rules::Guard g;
  g.at = at;
  g.pure = pureReads(scan, cond, &g.vars);
  return g;
}

std::vector<int> sizeVars(const Scan &scan, QualType type) {
  std::vector<int> vars;
  const ASTContext &ctx = contextOf(scan);
  while (!type.isNull()) {
    if (const ArrayType *at = ctx.getAsArrayType(type)) {
      if (auto *vat = dyn_cast<VariableArrayType>(at))
        collectVars(scan, vat->getSizeExpr(), &vars);
      type = at->getElementType();
    } else if (const auto *p = type->getAs<PointerType>()) {
      type = p->getPointeeType();
    } else {
      break;
    }
  }
  return vars;
}

} // namespace defer_clang
