// The scan of Scan.h: one walk over the body with a context that says
// which deferred block, loop and switch the walk is in.

#include "Scan.h"

#include "clang/AST/Expr.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/AST/StmtVisitor.h"

#include <algorithm>

using namespace clang;

namespace defer_clang {
namespace {

struct Context {
  int site = -1;               // innermost deferred block
  int loop = -1;               // innermost enclosing for/while/do
  Stmt *breakTo = nullptr;     // what a `break` here leaves
  Stmt *continueTo = nullptr;  // what a `continue` here continues
  int switchesInSite = 0;      // switches nested inside the block
  unsigned switchOrder = 0;    // where the innermost switch starts
  bool outermost = false;      // directly in the function body's block
};

bool callsSiteFunction(const Stmt *s) {
  if (!s)
    return false;
  if (auto *call = dyn_cast<CallExpr>(s))
    if (const FunctionDecl *callee = call->getDirectCallee())
      if (callee->getName() == siteFunctionName)
        return true;
  for (const Stmt *child : s->children())
    if (callsSiteFunction(child))
      return true;
  return false;
}

bool isMarker(const Stmt *s) {
  auto *f = dyn_cast<ForStmt>(s);
  return f && !f->getInit() && !f->getInc() && callsSiteFunction(f->getCond());
}

// A marker in S, also in the statements that OpenMP constructs capture
// (a CapturedStmt's children are only its captures).
const Stmt *findMarker(const Stmt *s) {
  if (!s)
    return nullptr;
  if (isMarker(s))
    return s;
  if (auto *cs = dyn_cast<CapturedStmt>(s))
    return findMarker(cs->getCapturedStmt());
  for (const Stmt *child : s->children())
    if (const Stmt *m = findMarker(child))
      return m;
  return nullptr;
}

bool isResultDecl(const ValueDecl *d) {
  auto *vd = dyn_cast<VarDecl>(d);
  return vd && vd->isImplicit() && vd->getName() == resultName;
}

class Walker {
public:
  Walker(ASTContext &ctx, Scan &scan) : ctx(ctx), scan(scan) {}

  void walk(Stmt **slot, const Context &c);

private:
  ASTContext &ctx;
  Scan &scan;

  void errorWithNote(SourceLocation loc, const char *err,
                     SourceLocation noteLoc, const char *noteText) {
    error(ctx, loc, err);
    note(ctx, noteLoc, noteText);
    scan.errors++;
  }

  SourceLocation siteLoc(int site) { return scan.sites[site].loc; }

  void children(Stmt *s, const Context &c) {
    for (Stmt *&child : s->children())
      walk(&child, c);
  }

  void site(Stmt **slot, ForStmt *marker, const Context &c);
  void ompDirective(OMPExecutableDirective *d, const Context &c);
  void noteGuard(Stmt **slot, IfStmt *is, const Context &c);
  llvm::DenseMap<Stmt *, std::pair<Stmt **, unsigned>> guards;
  llvm::DenseMap<Stmt *, Expr *> gotoConds; // goto -> c of `if (c) goto L;`
  void loop(Stmt *s, const Context &c);
  void declStmt(Stmt **slot, DeclStmt *ds, const Context &c);
  void arraySizes(QualType t, bool covered, const Context &c);
  void reference(DeclRefExpr *ref, const Context &c);
  void call(Stmt **slot, CallExpr *call, const Context &c);
};

void Walker::site(Stmt **slot, ForStmt *marker, const Context &c) {
  SourceLocation loc = keywordLocation(ctx.getSourceManager(),
                                       marker->getBeginLoc());
  if (c.site >= 0)
    errorWithNote(loc, defer_rules::msg::nested_defer, siteLoc(c.site),
                  defer_rules::msg::note_enclosing_defer);
  Site s;
  auto g = guards.find(marker);
  if (g != guards.end()) {
    s.guardSlot = g->second.first;
    s.guardOrder = g->second.second;
    s.guard = cast<IfStmt>(*s.guardSlot)->getCond();
  }
  s.slot = slot;
  s.marker = marker;
  s.loc = loc;
  s.order = scan.order;
  s.loop = c.loop;
  int index = scan.sites.size();
  scan.sites.push_back(s);
  auto *block = dyn_cast<CompoundStmt>(marker->getBody());
  if (isa<NullStmt>(marker->getBody()) || (block && block->body_empty()))
    warning(ctx, loc, defer_rules::msg::empty_body);
  Context inner = c;
  inner.site = index;
  inner.breakTo = inner.continueTo = marker;
  inner.switchesInSite = 0;
  // Through the node's own storage, so that recorded slots stay valid.
  for (Stmt *&child : marker->children())
    if (child == marker->getBody())
      walk(&child, inner);
}

// An OpenMP construct runs its body in other threads or in a function of
// its own: a `defer` there cannot register for this function's return,
// and a deferred block cannot hold one.  The walk does not enter the
// captured body.
void Walker::ompDirective(OMPExecutableDirective *d, const Context &c) {
  if (c.site >= 0)
    return errorWithNote(d->getBeginLoc(), defer_rules::msg::omp_in_defer,
                         siteLoc(c.site), defer_rules::msg::note_defer_here);
  if (const Stmt *m = findMarker(d))
    errorWithNote(keywordLocation(ctx.getSourceManager(), m->getBeginLoc()),
                  defer_rules::msg::defer_in_omp, d->getBeginLoc(),
                  defer_rules::msg::note_omp_here);
  children(d, c);
}

// `if (c) defer X;` with no else: remember the if for its defer.
void Walker::noteGuard(Stmt **slot, IfStmt *is, const Context &c) {
  Stmt *then = is->getThen();
  if (auto *cs = dyn_cast<CompoundStmt>(then))
    then = cs->size() == 1 ? cs->body_front() : nullptr;
  if (!then || is->getElse() || is->getInit() || is->getConditionVariable())
    return;
  if (c.site < 0 && isMarker(then))
    guards[then] = {slot, scan.order};
  // `if (c) goto L;`: c, for the goto's cycle (LoopBounds.cpp).
  if (isa<GotoStmt>(then))
    gotoConds[then] = is->getCond();
}

Stmt *bodyOf(Stmt *loop) {
  if (auto *f = dyn_cast<ForStmt>(loop))
    return f->getBody();
  if (auto *w = dyn_cast<WhileStmt>(loop))
    return w->getBody();
  return cast<DoStmt>(loop)->getBody();
}

// A loop's parts all count as inside it: a for-init declaration belongs
// to the loop (SEMANTICS.md section 3), and no break or continue can sit
// in the other parts.
void Walker::loop(Stmt *s, const Context &c) {
  Context inner = c;
  if (c.site < 0) {
    inner.loop = scan.loops.size();
    Loop l;
    l.stmt = s;
    l.parent = c.loop;
    scan.loops.push_back(l);
  }
  inner.breakTo = inner.continueTo = s;
  for (Stmt *&child : s->children()) {
    if (c.site < 0 && child && child == bodyOf(s))
      scan.loops[inner.loop].bodyStart = scan.order + 1;
    walk(&child, inner);
  }
  if (c.site < 0)
    scan.loops[inner.loop].end = scan.order;
}

// Assignments, increments and address-of applied to a local.
void noteWrite(Scan &scan, Stmt *s, const Context &c) {
  Expr *target = nullptr;
  SourceLocation loc;
  bool address = false;
  if (auto *bo = dyn_cast<BinaryOperator>(s)) {
    if (!bo->isAssignmentOp())
      return;
    target = bo->getLHS();
    loc = bo->getOperatorLoc();
  } else if (auto *uo = dyn_cast<UnaryOperator>(s)) {
    if (!uo->isIncrementDecrementOp() && uo->getOpcode() != UO_AddrOf)
      return;
    target = uo->getSubExpr();
    loc = uo->getOperatorLoc();
    address = uo->getOpcode() == UO_AddrOf;
  } else {
    return;
  }
  while (true) {
    target = target->IgnoreParenImpCasts();
    if (auto *m = dyn_cast<MemberExpr>(target); m && !m->isArrow())
      target = m->getBase();
    else if (auto *a = dyn_cast<ArraySubscriptExpr>(target))
      target = a->getBase();
    else
      break;
  }
  if (auto *ref = dyn_cast<DeclRefExpr>(target))
    if (auto *vd = dyn_cast<VarDecl>(ref->getDecl()))
      scan.writes.push_back({vd, scan.order, loc, address, c.site >= 0});
}

// The sizes of the variable length arrays that T, written here, evaluates
// and that the statement's children miss: those behind a pointer or other
// sugar, as in `(int (*)[n]) p` or `int (*p)[n]`.  COVERED: T's outermost
// array layers are children already (of a declaration or sizeof).  The
// sizes of a typedef's type ran at the typedef.
void Walker::arraySizes(QualType t, bool covered, const Context &c) {
  while (!t.isNull()) {
    const Type *ty = t.getTypePtr();
    if (auto *at = dyn_cast<ArrayType>(ty)) {
      auto *vat = dyn_cast<VariableArrayType>(at);
      if (vat && vat->getSizeExpr() && !covered) {
        Stmt *size = vat->getSizeExpr(); // an expression: never replaced
        walk(&size, c);
      }
      t = at->getElementType();
      continue;
    }
    covered = false;
    if (auto *p = dyn_cast<PointerType>(ty))
      t = p->getPointeeType();
    else if (auto *p = dyn_cast<ParenType>(ty))
      t = p->getInnerType();
    else if (auto *a = dyn_cast<AttributedType>(ty))
      t = a->getModifiedType();
    else if (auto *m = dyn_cast<MacroQualifiedType>(ty))
      t = m->getUnderlyingType();
    else if (auto *o = dyn_cast<TypeOfType>(ty))
      t = o->getUnmodifiedType();
    else
      return;
  }
}

void Walker::declStmt(Stmt **slot, DeclStmt *ds, const Context &c) {
  for (Decl *d : ds->decls()) {
    if (auto *vd = dyn_cast<VarDecl>(d)) {
      arraySizes(vd->getType(), true, c);
      if (c.site < 0 && vd->hasLocalStorage())
      {
        scan.vars[vd] = VarInfo{slot, c.loop, c.outermost, scan.order};
        if (vd->getType()->isVariablyModifiedType())
          scan.movesStack = true;
      }
    }
    if (auto *td = dyn_cast<TypedefNameDecl>(d))
      arraySizes(td->getUnderlyingType(), true, c);
  }
  children(ds, c);
}

void Walker::reference(DeclRefExpr *ref, const Context &c) {
  auto *vd = dyn_cast<VarDecl>(ref->getDecl());
  if (!vd)
    return;
  SourceLocation loc = keywordLocation(ctx.getSourceManager(),
                                       ref->getLocation());
  if (isResultDecl(vd)) {
    if (c.site < 0) {
      error(ctx, loc, defer_rules::msg::result_outside_block);
      scan.errors++;
    } else if (scan.fn->getReturnType()->isVoidType()) {
      error(ctx, loc, defer_rules::msg::result_in_void_function);
      scan.errors++;
    } else {
      scan.resultRefs.push_back(ref);
    }
    return;
  }
  if (vd->getName() == resultName && vd->hasExternalStorage()) {
    error(ctx, loc, defer_rules::msg::result_outside_block);
    scan.errors++;
    return;
  }
  if (c.site >= 0 && vd->hasLocalStorage() && !isa<ParmVarDecl>(vd))
    scan.namedBySite.push_back({c.site, vd});
}

void Walker::call(Stmt **slot, CallExpr *call, const Context &c) {
  const FunctionDecl *fn = call->getDirectCallee();
  if (!fn)
    return;
  StringRef name = fn->getName();
  if (name == "__defer_recover" && c.site >= 0)
    scan.recovers.push_back(slot);
  if (fn->hasAttr<ReturnsTwiceAttr>() || name == "setjmp" ||
      name == "_setjmp" || name == "sigsetjmp" || name == "__sigsetjmp" ||
      name == "savectx" || name == "vfork" || name == "getcontext" ||
      fn->getBuiltinID() == Builtin::BI__builtin_setjmp)
    scan.callsSetjmp = true;
  unsigned id = fn->getBuiltinID();
  if (id == Builtin::BI__builtin_alloca || id == Builtin::BIalloca ||
      id == Builtin::BI__builtin_alloca_with_align)
    scan.movesStack = true;
}

void Walker::walk(Stmt **slot, const Context &c) {
  Stmt *s = *slot;
  if (!s)
    return;
  scan.order++;
  if (isMarker(s))
    return site(slot, cast<ForStmt>(s), c);
  if (auto *d = dyn_cast<OMPExecutableDirective>(s))
    return ompDirective(d, c);
  if (auto *is = dyn_cast<IfStmt>(s))
    noteGuard(slot, is, c);
  if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s))
    return loop(s, c);
  if (isa<SwitchStmt>(s)) {
    Context inner = c;
    inner.breakTo = s;
    inner.switchesInSite++;
    inner.switchOrder = scan.order;
    return children(s, inner);
  }
  if (auto *cs = dyn_cast<CompoundStmt>(s)) {
    Context inner = c;
    inner.outermost = cs == scan.fn->getBody();
    children(s, inner);
    if (c.site < 0)
      scan.blocks.push_back({slot, cs});
    return;
  }
  if (auto *ds = dyn_cast<DeclStmt>(s))
    return declStmt(slot, ds, c);
  if (auto *ret = dyn_cast<ReturnStmt>(s)) {
    if (c.site >= 0)
      errorWithNote(ret->getReturnLoc(), defer_rules::msg::return_in_defer,
                    siteLoc(c.site), defer_rules::msg::note_defer_here);
    else
      scan.returns.push_back(slot);
    return children(s, c);
  }
  if (auto *b = dyn_cast<BreakStmt>(s)) {
    if (c.site >= 0 && c.breakTo == scan.sites[c.site].marker)
      errorWithNote(b->getBeginLoc(), defer_rules::msg::break_out_of_defer,
                    siteLoc(c.site), defer_rules::msg::note_defer_here);
    return;
  }
  if (auto *k = dyn_cast<ContinueStmt>(s)) {
    if (c.site >= 0 && c.continueTo == scan.sites[c.site].marker)
      errorWithNote(k->getBeginLoc(),
                    defer_rules::msg::continue_out_of_defer, siteLoc(c.site),
                    defer_rules::msg::note_defer_here);
    return;
  }
  if (auto *g = dyn_cast<GotoStmt>(s)) {
    auto cond = gotoConds.find(g);
    scan.gotos.push_back({g->getLabel(), g->getGotoLoc(), scan.order, c.site,
                          cond == gotoConds.end() ? nullptr : cond->second});
    return;
  }
  if (auto *g = dyn_cast<IndirectGotoStmt>(s)) {
    scan.gotos.push_back({nullptr, g->getGotoLoc(), scan.order, c.site});
    return children(s, c);
  }
  if (auto *l = dyn_cast<LabelStmt>(s)) {
    scan.labels.push_back({l->getDecl(), scan.order, c.site});
    return children(s, c);
  }
  if (auto *sc = dyn_cast<SwitchCase>(s)) {
    if (c.site >= 0 && c.switchesInSite == 0)
      errorWithNote(sc->getKeywordLoc(), defer_rules::msg::case_jump,
                    siteLoc(c.site), defer_rules::msg::note_enters);
    scan.cases.push_back({scan.order, c.switchOrder});
    return children(s, c);
  }
  if (auto *a = dyn_cast<AddrLabelExpr>(s))
    scan.addressTakenLabels.push_back(a->getLabel());
  if (auto *e = dyn_cast<ExplicitCastExpr>(s))
    arraySizes(e->getTypeAsWritten(), false, c);
  if (auto *e = dyn_cast<CompoundLiteralExpr>(s))
    arraySizes(e->getTypeSourceInfo()->getType(), false, c);
  if (auto *e = dyn_cast<UnaryExprOrTypeTraitExpr>(s);
      e && e->isArgumentType())
    arraySizes(e->getArgumentType(), true, c);
  if (auto *ref = dyn_cast<DeclRefExpr>(s))
    reference(ref, c);
  if (auto *ce = dyn_cast<CallExpr>(s))
    call(slot, ce, c);
  noteWrite(scan, s, c);
  children(s, c);
}

const Label *findLabel(const Scan &scan, LabelDecl *label) {
  for (const Label &l : scan.labels)
    if (l.label == label)
      return &l;
  return nullptr;
}

void checkComputedGoto(ASTContext &ctx, Scan &scan, const Goto &g) {
  if (g.site < 0)
    scan.hasComputedGoto = true;
  for (LabelDecl *label : scan.addressTakenLabels) {
    const Label *l = findLabel(scan, label);
    if (!l || l->site == g.site)
      continue;
    error(ctx, g.loc, defer_rules::msg::indirect_goto_jump);
    if (g.site >= 0)
      note(ctx, scan.sites[g.site].loc, defer_rules::msg::note_exits);
    else
      note(ctx, scan.sites[l->site].loc, defer_rules::msg::note_enters);
    scan.errors++;
    return;
  }
}

// Gotos into or out of deferred blocks are errors; a backward goto puts
// every site between its label and itself in a cycle.
void checkGotos(ASTContext &ctx, Scan &scan) {
  for (const Goto &g : scan.gotos) {
    if (!g.dest) {
      checkComputedGoto(ctx, scan, g);
      continue;
    }
    const Label *l = findLabel(scan, g.dest);
    if (!l)
      continue;
    if (g.site != l->site) {
      error(ctx, g.loc, defer_rules::msg::goto_jump);
      if (g.site >= 0)
        note(ctx, scan.sites[g.site].loc, defer_rules::msg::note_exits);
      if (l->site >= 0)
        note(ctx, scan.sites[l->site].loc, defer_rules::msg::note_enters);
      scan.errors++;
      continue;
    }
    if (l->order < g.order && g.site < 0)
      for (Site &s : scan.sites)
        if (l->order <= s.order && s.order <= g.order)
          s.inGotoCycle = true;
  }
}

bool inBackwardGotoCycle(const Scan &scan, unsigned a, unsigned b) {
  for (const Goto &g : scan.gotos)
    if (const Label *l = g.dest ? findLabel(scan, g.dest) : nullptr)
      if (l->order < g.order && g.site < 0 && l->order <= a &&
          a <= g.order && l->order <= b && b <= g.order)
        return true;
  return false;
}

// SEMANTICS.md section 3: a variable declared in a loop (or cycle) that
// contains the defer is copied when the defer registers.
void chooseCopies(Scan &scan) {
  for (auto &use : scan.namedBySite) {
    Site &s = scan.sites[use.first];
    auto it = scan.vars.find(use.second);
    if (it == scan.vars.end() ||
        std::count(s.copies.begin(), s.copies.end(), use.second))
      continue;
    if (it->second.loop >= 0 ||
        inBackwardGotoCycle(scan, it->second.order, s.order))
      s.copies.push_back(use.second);
  }
}

// A VLA that a deferred block names must live in the function's own
// block, outside any loop: it can be neither kept alive nor copied.
void checkVLAs(ASTContext &ctx, Scan &scan) {
  llvm::SmallPtrSet<VarDecl *, 4> seen;
  for (auto &use : scan.namedBySite) {
    VarDecl *vd = use.second;
    auto it = scan.vars.find(vd);
    if (it == scan.vars.end() || !vd->getType()->isVariablyModifiedType() ||
        !seen.insert(vd).second)
      continue;
    std::string name = vd->getName().str();
    const Site &site = scan.sites[use.first];
    if (it->second.loop >= 0 ||
        inBackwardGotoCycle(scan, it->second.order, site.order))
      error(ctx, scan.sites[use.first].loc, defer_rules::vla_copy(name));
    else if (!it->second.outermost)
      error(ctx, scan.sites[use.first].loc,
            defer_rules::vla_in_deferred_block(name));
    else
      continue;
    scan.errors++;
  }
}

// Whether E may be evaluated again later with the same result: no side
// effects, and no memory but locals whose address is never taken and
// that nothing writes after SINCE (deferred blocks included).
bool stable(const Scan &scan, const Expr *e, unsigned since) {
  e = e->IgnoreParens();
  if (isa<IntegerLiteral>(e) || isa<CharacterLiteral>(e))
    return true;
  if (auto *ref = dyn_cast<DeclRefExpr>(e)) {
    auto *vd = dyn_cast<VarDecl>(ref->getDecl());
    if (!vd || !vd->hasLocalStorage() || vd->getType().isVolatileQualified() ||
        vd->getDeclContext() != scan.fn)
      return false;
    for (const Write &w : scan.writes)
      if (w.var == vd && (w.address || w.inDefer || w.order > since))
        return false;
    return true;
  }
  if (auto *cast = dyn_cast<ImplicitCastExpr>(e))
    return cast->getCastKind() != CK_LValueToRValue ||
                   isa<DeclRefExpr>(cast->getSubExpr()->IgnoreParens())
               ? stable(scan, cast->getSubExpr(), since)
               : false;
  if (auto *cast = dyn_cast<CStyleCastExpr>(e))
    return stable(scan, cast->getSubExpr(), since);
  if (auto *u = dyn_cast<UnaryOperator>(e))
    return !u->isIncrementDecrementOp() && u->getOpcode() != UO_Deref &&
           u->getOpcode() != UO_AddrOf && stable(scan, u->getSubExpr(), since);
  if (auto *b = dyn_cast<BinaryOperator>(e))
    return !b->isAssignmentOp() && !b->isCommaOp() &&
           stable(scan, b->getLHS(), since) && stable(scan, b->getRHS(), since);
  return false;
}

// Keep a site's guard only where testing it again at exit is exact.
void checkGuards(Scan &scan) {
  for (Site &s : scan.sites)
    if (s.guard && !stable(scan, s.guard, s.guardOrder)) {
      s.guard = nullptr;
      s.guardSlot = nullptr;
    }
}

// Writes to a copied variable later in the same loop body.
void warnLateWrites(ASTContext &ctx, const Scan &scan) {
  for (const Site &s : scan.sites) {
    if (s.loop < 0)
      continue;
    for (VarDecl *var : s.copies)
      for (const Write &w : scan.writes) {
        if (w.var != var || w.inDefer || w.order <= s.order ||
            w.order > scan.loops[s.loop].end)
          continue;
        std::string name = var->getNameAsString();
        if (warning(ctx, w.loc,
                    w.address ? defer_rules::copied_then_address_taken(name)
                              : defer_rules::copied_then_assigned(name)))
          note(ctx, s.loc, defer_rules::note_copied_here(name));
      }
  }
}

} // namespace

void scanFunction(ASTContext &ctx, FunctionDecl *fn, Scan &scan) {
  scan.fn = fn;
  Stmt *body = fn->getBody();
  Walker(ctx, scan).walk(&body, Context());
  fn->setBody(body);
  checkGotos(ctx, scan);
  checkVLAs(ctx, scan);
  chooseCopies(scan);
  warnLateWrites(ctx, scan);
  checkGuards(scan);
  boundLoops(scan);
}

defer_rules::FunctionFacts functionFacts(const Scan &scan,
                                         const SourceManager &sm) {
  defer_rules::FunctionFacts facts;
  facts.name = scan.fn->getNameAsString();
  facts.has_computed_goto = scan.hasComputedGoto;
  facts.calls_setjmp = scan.callsSetjmp;
  for (const Site &s : scan.sites) {
    defer_rules::SiteFacts f;
    f.line = sm.getSpellingLineNumber(s.loc);
    f.in_loop = s.loop >= 0;
    f.in_goto_cycle = s.inGotoCycle;
    f.max_runs = maxRuns(scan, s);
    for (VarDecl *v : s.copies)
      f.copies.push_back(v->getNameAsString());
    facts.sites.push_back(f);
  }
  return facts;
}

} // namespace defer_clang
