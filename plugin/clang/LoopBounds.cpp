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
// is entered i is at least A, so the body runs at most B - A times (at most
// once when B <= A: a do loop's first pass).  B must fit i's type, or i
// would wrap before reaching it.  A goto from outside into the body, a
// case label of an outer switch inside it, a backward goto from the body
// to before it, and computed gotos break the count.
//
// A cycle of backward gotos bounds its defers the same way when each of its
// gotos is `if (++g < K) goto L;` with one such counter g.

#include "Scan.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"

#include <algorithm>

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
// addressed, with a constant initialiser, written STEPS times in the
// function's text (by its steps).
bool isCounter(const Scan &scan, VarDecl *i, unsigned steps = 1) {
  QualType t = i->getType();
  if (!i->hasLocalStorage() || i->getDeclContext() != scan.fn ||
      t.isVolatileQualified() || i->hasAttr<BlocksAttr>() ||
      !t->isIntegerType() || t->isBooleanType() || !i->getInit() ||
      !i->getInit()->getIntegerConstantExpr(i->getASTContext()))
    return false;
  unsigned writes = 0;
  for (const Write &w : scan.writes)
    if (w.var == i && (w.address || ++writes > steps))
      return false;
  return writes == steps;
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
  // A body that never runs is bounded by 1 as well (0 means unknown).
  return to <= from ? 1 : to - from;
}

// The positions defer_rules needs (defer-spans.h).
defer_rules::FunctionText textOf(const Scan &scan) {
  defer_rules::FunctionText text;
  for (const Goto &g : scan.gotos)
    for (const Label &lab : scan.labels)
      if (lab.label == g.dest)
        text.jumps.push_back({g.order, lab.order, lab.site >= 0});
  for (const Case &c : scan.cases)
    text.cases.push_back({c.order, c.switchOrder});
  for (const Loop &l : scan.loops)
    text.loop_bodies.push_back({l.bodyStart, l.end});
  return text;
}

// `if (++g < K) goto L;` (or <=): g, with the limit it counts to in TO.
VarDecl *countedJump(const Goto &g, int64_t &to) {
  auto *test = g.cond ? dyn_cast<BinaryOperator>(g.cond->IgnoreParenImpCasts())
                      : nullptr;
  if (!test || (test->getOpcode() != BO_LT && test->getOpcode() != BO_LE))
    return nullptr;
  auto *step = dyn_cast<UnaryOperator>(test->getLHS()->IgnoreParenImpCasts());
  if (!step || step->getOpcode() != UO_PreInc)
    return nullptr;
  auto *ref = dyn_cast<DeclRefExpr>(step->getSubExpr()->IgnoreParenImpCasts());
  auto *i = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  std::optional<llvm::APSInt> b =
      i ? test->getRHS()->getIntegerConstantExpr(i->getASTContext())
        : std::nullopt;
  if (!b || b->getSignificantBits() > 62)
    return nullptr;
  to = b->getExtValue() + (test->getOpcode() == BO_LE);
  return i;
}

// How often the code between LAB and its backward gotos (up to END) can
// run per entry: each goto is `if (++g < K) goto LAB;` with one counter g,
// declared before LAB, which nothing else writes, so each jump back raises
// g towards the largest K.  0 if not so, or if anything else can run that
// code: entering it other than at LAB (enteredOtherwise; a goto from
// outside to LAB counts too), a loop only partly inside it.
unsigned long countPasses(const Scan &scan,
                          const defer_rules::FunctionText &text,
                          const Label &lab, unsigned end) {
  if (defer_rules::entered_otherwise(text, lab.order, end) ||
      defer_rules::splits_a_loop(text, lab.order, end))
    return 0;
  VarDecl *counter = nullptr;
  int64_t limit = 0;
  unsigned steps = 0;
  for (const Goto &g : scan.gotos) {
    if (g.dest != lab.label)
      continue;
    int64_t to = 0;
    VarDecl *i = countedJump(g, to);
    if (!i || (counter && i != counter) || !fits(i, to))
      return 0;
    counter = i;
    limit = std::max(limit, to);
    steps++;
  }
  // Declared after the label, g would start again at every pass.
  auto decl = counter ? scan.vars.find(counter) : scan.vars.end();
  if (!counter || !isCounter(scan, counter, steps) ||
      decl == scan.vars.end() || decl->second.order >= lab.order)
    return 0;
  int64_t from =
      counter->getInit()->getIntegerConstantExpr(counter->getASTContext())
          ->getExtValue();
  return limit <= from ? 1 : limit - from;
}

} // namespace

void boundLoops(Scan &scan) {
  defer_rules::FunctionText text = textOf(scan);
  for (Loop &l : scan.loops)
    l.trips = scan.hasComputedGoto ||
                      defer_rules::entered_otherwise(text, l.bodyStart, l.end)
                  ? 0
                  : countTrips(scan, l.stmt);
  scan.cycles = defer_rules::backward_cycles(text);
  for (defer_rules::Cycle &c : scan.cycles)
    for (const Label &lab : scan.labels)
      if (lab.order == c.start && !scan.hasComputedGoto)
        c.passes = countPasses(scan, text, lab, c.end);
}

unsigned long maxRuns(const Scan &scan, const Site &s) {
  defer_rules::RunBound bound;
  for (int i = s.loop; i >= 0; i = scan.loops[i].parent)
    bound.times(scan.loops[i].trips);
  for (const defer_rules::Cycle &c : scan.cycles)
    if (c.start <= s.order && s.order <= c.end)
      bound.times(c.passes);
  return bound.runs();
}

} // namespace defer_clang
