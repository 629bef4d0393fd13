// How many times a loop `defer` can register per call (Scan.h): the
// product of the trip counts of its loops, where each is proven.  The same
// rules as the GCC plugin's loop-bounds.cc:
//
//   for (int i = A; i < B; i++)         (or <=, !=, ++i)
//   while (i < B) { i++; ... }          with `int i = A;` before it
//   do { i++; ... } while (i < B);
//
// count when i, a local of this function with the constant initialiser A,
// is written nowhere else and never through a pointer: each time the loop
// is entered i is at least A, so the body runs at most B - A times (a do
// loop at least once).  B must fit i's type, or i would wrap before
// reaching it.  A goto from outside into the body, a case label of an
// outer switch inside it, a backward goto from the body to before it, and
// computed gotos break the count.

#include "Scan.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace defer_clang {
namespace {

// The variable `i++` or `++i` steps by one, else null.
VarDecl *incrementedVar(Stmt *s) {
  auto *e = dyn_cast_or_null<Expr>(s);
  auto *inc = e ? dyn_cast<UnaryOperator>(e->IgnoreParenImpCasts()) : nullptr;
  if (!inc || !inc->isIncrementOp())
    return nullptr;
  auto *ref = dyn_cast<DeclRefExpr>(inc->getSubExpr()->IgnoreParenImpCasts());
  return ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
}

// The first statement of a loop body, inside its braces.
Stmt *firstStatement(Stmt *body) {
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(body))
    body = cs->body_empty() ? nullptr : cs->body_front();
  return body;
}

// A counter: an integer local of this function, not volatile, never
// addressed, with a constant initialiser, written once in the function's
// text (by the loop's step).
bool isCounter(const Scan &scan, VarDecl *i) {
  QualType t = i->getType();
  if (!i->hasLocalStorage() || i->getDeclContext() != scan.fn ||
      t.isVolatileQualified() || i->hasAttr<BlocksAttr>() ||
      !t->isIntegerType() || t->isBooleanType() || !i->getInit() ||
      !i->getInit()->getIntegerConstantExpr(i->getASTContext()))
    return false;
  unsigned writes = 0;
  for (const Write &w : scan.writes)
    if (w.var == i && (w.address || ++writes > 1))
      return false;
  return writes == 1;
}

// Whether V fits I's type.
bool fits(VarDecl *i, int64_t v) {
  const ASTContext &ctx = i->getASTContext();
  unsigned width = ctx.getIntWidth(i->getType());
  bool isSigned = i->getType()->isSignedIntegerOrEnumerationType();
  if (width >= 64)
    return isSigned || v >= 0;
  int64_t max = isSigned ? (int64_t(1) << (width - 1)) - 1
                         : (int64_t(1) << width) - 1;
  return v <= max;
}

// How often the body of loop S can run per entry, 0 if unknown.
unsigned long countTrips(const Scan &scan, Stmt *s) {
  Stmt *step = nullptr;
  Expr *cond = nullptr;
  if (auto *f = dyn_cast<ForStmt>(s)) {
    step = f->getInc();
    cond = f->getCond();
  } else if (auto *w = dyn_cast<WhileStmt>(s)) {
    step = firstStatement(w->getBody());
    cond = w->getCond();
  } else if (auto *d = dyn_cast<DoStmt>(s)) {
    step = firstStatement(d->getBody());
    cond = d->getCond();
  }
  VarDecl *i = incrementedVar(step);
  auto *test =
      cond ? dyn_cast<BinaryOperator>(cond->IgnoreParenImpCasts()) : nullptr;
  if (!i || !test || !isCounter(scan, i))
    return 0;
  auto *lhs = dyn_cast<DeclRefExpr>(test->getLHS()->IgnoreParenImpCasts());
  BinaryOperatorKind op = test->getOpcode();
  if ((op != BO_LT && op != BO_LE && op != BO_NE) || !lhs ||
      lhs->getDecl() != i)
    return 0;
  const ASTContext &ctx = i->getASTContext();
  std::optional<llvm::APSInt> a = i->getInit()->getIntegerConstantExpr(ctx);
  std::optional<llvm::APSInt> b = test->getRHS()->getIntegerConstantExpr(ctx);
  if (!a || !b || a->getSignificantBits() > 63 ||
      b->getSignificantBits() > 63)
    return 0;
  int64_t from = a->getExtValue(), to = b->getExtValue();
  if (op == BO_LE)
    to++;
  // i reaches TO without wrapping; != needs to pass no value to get there.
  if (!fits(i, to) || (op == BO_NE && to < from))
    return 0;
  if (to <= from)
    return isa<DoStmt>(s) ? 1 : 0;
  return to - from;
}

bool inBody(const Loop &l, unsigned order) {
  return l.bodyStart <= order && order <= l.end;
}

// A goto that enters L's body from outside, or leaves it for a label at or
// before its start, from where L is entered again.
bool jumpedInto(const Scan &scan, const Loop &l) {
  for (const Goto &g : scan.gotos)
    for (const Label &lab : scan.labels)
      if (lab.label == g.dest &&
          ((inBody(l, lab.order) && !inBody(l, g.order)) ||
           (inBody(l, g.order) && lab.order < l.bodyStart)))
        return true;
  return false;
}

} // namespace

void boundLoops(Scan &scan) {
  for (Loop &l : scan.loops)
    l.trips = scan.hasComputedGoto || l.enteredByCase || jumpedInto(scan, l)
                  ? 0
                  : countTrips(scan, l.stmt);
}

unsigned long maxRuns(const Scan &scan, const Site &s) {
  if (s.inGotoCycle)
    return 0;
  unsigned long runs = 1;
  for (int i = s.loop; i >= 0; i = scan.loops[i].parent) {
    runs *= scan.loops[i].trips;
    if (runs == 0 || runs > (1UL << 20))
      return 0;
  }
  return runs;
}

} // namespace defer_clang
