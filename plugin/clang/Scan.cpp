// SPDX-License-Identifier: MIT
// The scan of Scan.h: one pre-order walk over the body, in source order,
// with a context that says which deferred block, loop and switch the walk
// is in; one handler per kind of statement.

#include "Scan.h"
#include "Compat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtOpenMP.h"

#include "scoped.h"

#include <algorithm>

using namespace clang;
using defer_rules::none;

namespace defer_clang {

defer_rules::Where Scan::where(SourceLocation loc, const SourceManager &sm) {
  locations.push_back(loc);
  return {unsigned(locations.size() - 1), sm.getSpellingLineNumber(loc)};
}

int Scan::varId(const ValueDecl *d) const {
  auto *vd = dyn_cast_or_null<VarDecl>(d);
  auto it = vd ? varIds.find(vd) : varIds.end();
  return it == varIds.end() ? none : it->second;
}

namespace {

// Where the walk is.
struct Context {
  int site = none;          // innermost deferred block
  int loop = none;          // innermost loop
  bool inHeader = false;    // in that loop's init, condition or step
  unsigned breakAt = 0;     // what a `break` here binds to
  unsigned continueAt = 0;
  int switchSite = none;    // the deferred block of the innermost switch
  unsigned switchAt = 0;
  bool outermost = false;   // a statement of the body's own block
  bool inOutermostDefer = false; // in the statement of such a `_Defer`
  bool unevaluated = false; // in sizeof, _Alignof or _Generic's control
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
  auto *f = dyn_cast_or_null<ForStmt>(s);
  return f && !f->getInit() && !f->getInc() && callsSiteFunction(f->getCond());
}

// Empty: `;`, `{}` or braces around null statements only (GCC's trees
// keep no null statement in a block, so `{ ; }` is `{}` there too).
bool emptyBody(const Stmt *body) {
  auto *block = dyn_cast<CompoundStmt>(body);
  return isa<NullStmt>(body) ||
         (block && llvm::all_of(block->body(), [](const Stmt *st) {
            return isa<NullStmt>(st);
          }));
}

bool isResultDecl(const VarDecl *vd) {
  return vd->isImplicit() && vd->getName() == resultName;
}

// The statement S stands for, through braces holding one statement.
Stmt *onlyStatement(Stmt *s) {
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(s))
    s = cs->size() == 1 ? cs->body_front() : nullptr;
  return s;
}


Stmt *bodyOf(Stmt *loop) {
  if (auto *f = dyn_cast<ForStmt>(loop))
    return f->getBody();
  if (auto *w = dyn_cast<WhileStmt>(loop))
    return w->getBody();
  return cast<DoStmt>(loop)->getBody();
}


class Walker {
public:
  Walker(ASTContext &ctx, Scan &scan);
  void walkBody();
  void finish();

private:
  ASTContext &ctx;
  Scan &scan;
  defer_rules::Function &fn;
  Context c;
  unsigned pos = 0;
  llvm::DenseMap<LabelDecl *, int> labelIds;
  std::vector<LabelDecl *> gotoDests; // per model goto
  std::vector<LabelDecl *> addressTakenLabels;
  llvm::DenseMap<Stmt *, std::pair<int, Stmt **>> guardOf; // marker ->
  llvm::DenseMap<Stmt *, bool> guardOutermost;             // marker ->
  llvm::DenseMap<Stmt *, Expr *> gotoConds; // goto -> c of `if (c) goto`
  llvm::DenseMap<Stmt *, int> scopedIds;    // `_Defer` -> model scoped

  defer_rules::Where where(SourceLocation loc) {
    return scan.where(loc, ctx.getSourceManager());
  }
  void walk(Stmt **slot);
  void walkIn(Stmt **slot, const Context &inner);
  void children(Stmt *s);

  int addVar(VarDecl *vd, Stmt **slot);
  void noteWrite(Stmt *s);
  void noteAsm(GCCAsmStmt *a);
  void noteIf(Stmt **slot, IfStmt *is);
  void site(Stmt **slot, ForStmt *marker);
  void scopedDefer(Stmt **slot, Stmt *s);
  void compound(CompoundStmt *cs);
  void loop(Stmt *s);
  void switchStmt(SwitchStmt *s);
  void declStmt(Stmt **slot, DeclStmt *ds);
  void exit(Stmt *s, defer_rules::Exit::Kind kind, unsigned target);
  void goTo(GotoStmt *g);
  void indirectGoto(IndirectGotoStmt *g);
  void label(LabelStmt *l);
  void caseLabel(SwitchCase *sc);
  void call(Stmt **slot, CallExpr *call);
  void omp(OMPExecutableDirective *d);
  void reference(DeclRefExpr *ref);
  void arraySizes(QualType t, bool covered);
};

Walker::Walker(ASTContext &ctx, Scan &scan)
    : ctx(ctx), scan(scan), fn(scan.model) {
  fn.name = scan.fn->getNameAsString();
  fn.returns_void = scan.fn->getReturnType()->isVoidType();
  for (ParmVarDecl *p : scan.fn->parameters())
    addVar(p, nullptr);
}

int Walker::addVar(VarDecl *vd, Stmt **slot) {
  defer_rules::Variable v;
  QualType t = vd->getType();
  v.name = vd->getNameAsString();
  v.where = where(vd->getLocation());
  v.declared_at = slot ? pos : 0;
  v.loop = slot ? c.loop : none;
  v.outermost = !slot || c.outermost;
  v.variably_modified = t->isVariablyModifiedType();
  v.vla = ctx.getAsVariableArrayType(t) != nullptr;
  v.address_taken = vd->hasAttr<BlocksAttr>();
  v.is_volatile = t.isVolatileQualified();
  v.has_cleanup = vd->hasAttr<CleanupAttr>();
  v.integer = t->isIntegerType() && !t->isBooleanType();
  if (v.integer) {
    v.precision = ctx.getIntWidth(t);
    v.is_signed = t->isSignedIntegerOrEnumerationType();
  }
  if (const Expr *init = vd->getInit())
    if (std::optional<llvm::APSInt> value =
            init->getIntegerConstantExpr(ctx)) {
      // What fits a long long, as GCC's tree_fits_shwi_p.
      llvm::APSInt wide = value->extend(std::max(value->getBitWidth(), 65u));
      if (wide.isSignedIntN(64) || (value->isUnsigned() &&
                                    value->getActiveBits() <= 63)) {
        v.constant_init = true;
        v.init = value->isUnsigned() ? int64_t(value->getZExtValue())
                                     : value->getSExtValue();
      }
    }
  int id = fn.vars.size();
  fn.vars.push_back(v);
  scan.vars.push_back(vd);
  scan.varSlots.push_back(slot);
  scan.varIds[vd] = id;
  if (v.variably_modified && !v.vla)
    fn.vars[id].size_vars = sizeVars(scan, t);
  if (v.vla)
    fn.moves_stack = true;
  return id;
}

void Walker::walk(Stmt **slot) {
  Stmt *s = *slot;
  if (!s)
    return;
  pos++;
  if (isMarker(s))
    return site(slot, cast<ForStmt>(s));
  if (auto *d = dyn_cast<OMPExecutableDirective>(s))
    return omp(d);
  noteWrite(s);
  Context outer = c;
  if (auto *is = dyn_cast<IfStmt>(s))
    noteIf(slot, is);
  if (auto *ds = dyn_cast<DeclStmt>(s)) {
    declStmt(slot, ds);
    return;
  }
  if (isScopedDefer(s))
    return scopedDefer(slot, s);
  // Below here, only braces that declare nothing keep their statements in
  // the body's own block.
  // A label's statement stands where the label does.
  auto *cs = dyn_cast<CompoundStmt>(s);
  c.outermost = c.outermost && ((cs && opensNoScope(cs)) || isa<LabelStmt>(s));
  if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s))
    loop(s);
  else if (auto *sw = dyn_cast<SwitchStmt>(s))
    switchStmt(sw);
  else if (isa<ReturnStmt>(s)) {
    exit(s, defer_rules::Exit::return_stmt, 0);
    if (c.site == none)
      scan.returns.push_back(slot);
    children(s);
  } else if (isa<BreakStmt>(s))
    exit(s, defer_rules::Exit::break_stmt, c.breakAt);
  else if (isa<ContinueStmt>(s))
    exit(s, defer_rules::Exit::continue_stmt, c.continueAt);
  else if (auto *g = dyn_cast<GotoStmt>(s))
    goTo(g);
  else if (auto *g = dyn_cast<IndirectGotoStmt>(s))
    indirectGoto(g);
  else if (auto *l = dyn_cast<LabelStmt>(s))
    label(l);
  else if (auto *sc = dyn_cast<SwitchCase>(s))
    caseLabel(sc);
  else if (cs)
    compound(cs);
  else {
    if (auto *a = dyn_cast<AddrLabelExpr>(s))
      addressTakenLabels.push_back(a->getLabel());
    if (auto *e = dyn_cast<ExplicitCastExpr>(s))
      arraySizes(e->getTypeAsWritten(), false);
    if (auto *e = dyn_cast<CompoundLiteralExpr>(s))
      arraySizes(e->getTypeSourceInfo()->getType(), false);
    if (auto *e = dyn_cast<UnaryExprOrTypeTraitExpr>(s);
        e && e->isArgumentType())
      arraySizes(e->getArgumentType(), true);
    // Operands that are never evaluated (GCC folds them before its
    // plugin sees the code).
    if (isa<UnaryExprOrTypeTraitExpr>(s))
      c.unevaluated = true;
    if (auto *g = dyn_cast<GenericSelectionExpr>(s)) {
      for (Stmt *&child : g->children())
        walkIn(&child, [&] {
          Context inner = c;
          inner.unevaluated |= child == g->getControllingExpr();
          return inner;
        }());
      c = outer;
      return;
    }
    if (auto *ref = dyn_cast<DeclRefExpr>(s))
      reference(ref);
    if (auto *ce = dyn_cast<CallExpr>(s))
      call(slot, ce);
    if (auto *a = dyn_cast<GCCAsmStmt>(s))
      noteAsm(a);
    children(s);
  }
  c = outer;
}

void Walker::walkIn(Stmt **slot, const Context &inner) {
  Context saved = c;
  c = inner;
  walk(slot);
  c = saved;
}

// Through the node's own storage, so that recorded slots stay valid.
void Walker::children(Stmt *s) {
  for (Stmt *&child : s->children())
    walk(&child);
}

// The variable an lvalue denotes, through fields and array elements (not
// through pointers: a write through a pointer is not one to it).
const DeclRefExpr *lvalueBase(const Expr *e) {
  while (true) {
    e = e->IgnoreParenImpCasts();
    if (auto *m = dyn_cast<MemberExpr>(e); m && !m->isArrow())
      e = m->getBase();
    else if (auto *a = dyn_cast<ArraySubscriptExpr>(e);
             a && a->getBase()->IgnoreParenImpCasts()->getType()
                      ->isArrayType())
      e = a->getBase();
    else
      return dyn_cast<DeclRefExpr>(e);
  }
}

// Assignments, increments and address-of applied to a variable.
void Walker::noteWrite(Stmt *s) {
  const Expr *target = nullptr;
  SourceLocation loc;
  auto kind = defer_rules::WriteKind::assign;
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
    if (uo->getOpcode() == UO_AddrOf)
      kind = defer_rules::WriteKind::address;
  } else {
    return;
  }
  const DeclRefExpr *ref = lvalueBase(target);
  int v = ref ? scan.varId(ref->getDecl()) : none;
  if (v == none)
    return;
  fn.writes.push_back({v, pos, where(loc), kind, c.site});
  if (kind == defer_rules::WriteKind::address)
    fn.vars[v].address_taken = true;
}

// An asm writes its output operands; a memory operand, input or output,
// lets it write the object through its address.
void Walker::noteAsm(GCCAsmStmt *a) {
  for (unsigned i = 0; i < a->getNumOutputs(); i++)
    if (const DeclRefExpr *ref = lvalueBase(a->getOutputExpr(i)))
      if (int v = scan.varId(ref->getDecl()); v != none)
        fn.writes.push_back({v, pos, where(a->getAsmLoc()),
                             defer_rules::WriteKind::asm_output, c.site});
  for (unsigned i = 0; i < a->getNumInputs(); i++)
    if (const DeclRefExpr *ref = lvalueBase(a->getInputExpr(i)))
      if (int v = scan.varId(ref->getDecl());
          v != none &&
          a->getInputConstraint(i).find_first_of("mopVX<>") != StringRef::npos)
        fn.vars[v].address_taken = true;
}

// `if (c) defer X;` and `if (c) goto L;` with no else: the guard of the
// defer, the counted test of the goto.
void Walker::noteIf(Stmt **slot, IfStmt *is) {
  Stmt *then = onlyStatement(is->getThen());
  if (!then || is->getElse() || is->getInit() || is->getConditionVariable())
    return;
  if (isa<GotoStmt>(then))
    gotoConds[then] = is->getCond();
  if (c.site != none || !isMarker(then))
    return;
  guardOf[then] = {int(fn.guards.size()), slot};
  guardOutermost[then] = c.outermost;
  fn.guards.push_back(guardFacts(scan, is->getCond(), pos));
}

void Walker::site(Stmt **slot, ForStmt *marker) {
  SourceLocation loc =
      keywordLocation(ctx.getSourceManager(), marker->getBeginLoc());
  defer_rules::Site s;
  s.at = pos;
  s.where = where(loc);
  s.loop = c.loop;
  s.in_loop_header = c.inHeader;
  s.parent = c.site;
  s.empty = emptyBody(marker->getBody());
  SiteTrees t;
  t.slot = slot;
  t.marker = marker;
  t.loc = loc;
  s.outermost = c.outermost;
  auto g = guardOf.find(marker);
  if (g != guardOf.end()) {
    s.guard = g->second.first;
    t.guardSlot = g->second.second;
    t.guard = cast<IfStmt>(*t.guardSlot)->getCond();
    s.outermost = guardOutermost[marker];
  }
  int index = fn.sites.size();
  fn.sites.push_back(s);
  scan.sites.push_back(t);
  Context inner = c;
  inner.site = index;
  inner.breakAt = inner.continueAt = s.at;
  inner.outermost = false;
  for (Stmt *&child : marker->children())
    if (child == marker->getBody())
      walkIn(&child, inner);
  fn.sites[index].last = pos;
}

// A `_Defer`: Clang's own, which checks the rules of its statement
// (the shared rules still refuse a Go-style defer inside it), or the
// plugin's marker loop, whose statement's break and continue bind to it
// as in a Go-style site's.  Pending to the end of its block when it is a
// statement of one (compound), else nowhere.
void Walker::scopedDefer(Stmt **slot, Stmt *s) {
  Context outer = c;
  bool native = compat::isDeferStmt(s);
  if (c.outermost) {
    fn.outermost_cleanup = true;
    scan.outermostDefers.push_back({pos, slot});
    c.inOutermostDefer = true;
  }
  fn.compiler_checks_scoped |= native;
  defer_rules::ScopedDefer scoped;
  scoped.at = pos;
  scoped.where = where(scopedDeferLocation(ctx.getSourceManager(), s));
  scoped.outermost = c.outermost;
  scoped.empty = !native && emptyBody(scopedDeferBody(s));
  int index = fn.scoped.size();
  fn.scoped.push_back(scoped);
  scopedIds[s] = index;
  c.outermost = false;
  if (native) {
    children(s);
  } else {
    auto *marker = cast<ForStmt>(s);
    c.breakAt = c.continueAt = pos;
    for (Stmt *&child : marker->children())
      if (child && child == marker->getBody())
        walk(&child);
  }
  fn.scoped[index].last = fn.scoped[index].scope_last = pos;
  c = outer;
}

// A block's statements: a `_Defer` among them (through labels) is
// pending to its end.
void Walker::compound(CompoundStmt *cs) {
  std::vector<int> here;
  for (Stmt *&child : cs->body()) {
    walk(&child);
    auto id = scopedIds.find(labelledStatement(child));
    if (id != scopedIds.end())
      here.push_back(id->second);
  }
  for (int i : here)
    fn.scoped[i].scope_last = pos;
}

// A loop's parts in source order, all inside the loop: a for-init
// declaration belongs to the loop (the language reference's copies), and
// code in the condition or step runs once per pass as the body does.
void Walker::loop(Stmt *s) {
  int index = fn.loops.size();
  fn.loops.emplace_back();
  fn.loops[index].at = pos;
  fn.loops[index].parent = c.loop;
  Stmt *body = bodyOf(s);
  Context inner = c;
  inner.loop = index;
  inner.breakAt = inner.continueAt = pos;
  for (Stmt *&child : s->children()) {
    inner.inHeader = child != body;
    if (child && child == body)
      fn.loops[index].body_first = pos + 1;
    walkIn(&child, inner);
    if (child && child == body)
      fn.loops[index].body_last = pos;
  }
  // The shapes, once a for-init declaration has made its variable known.
  defer_rules::Loop &l = fn.loops[index];
  l.last = pos;
  if (auto *f = dyn_cast<ForStmt>(s)) {
    l.kind = defer_rules::Loop::for_loop;
    l.step_var = steppedVar(scan, f->getInc());
    l.test = loopTest(scan, f->getCond());
  } else if (auto *w = dyn_cast<WhileStmt>(s)) {
    l.kind = defer_rules::Loop::while_loop;
    l.step_var = bodySteppedVar(scan, body);
    l.test = loopTest(scan, w->getCond());
  } else {
    l.kind = defer_rules::Loop::do_loop;
    l.step_var = bodySteppedVar(scan, body);
    l.test = loopTest(scan, cast<DoStmt>(s)->getCond());
  }
}

void Walker::switchStmt(SwitchStmt *s) {
  Context inner = c;
  inner.breakAt = pos;
  inner.switchSite = c.site;
  inner.switchAt = pos;
  for (Stmt *&child : s->children())
    walkIn(&child, child == s->getBody() ? inner : c);
}

void Walker::declStmt(Stmt **slot, DeclStmt *ds) {
  for (Decl *d : ds->decls()) {
    if (auto *vd = dyn_cast<VarDecl>(d)) {
      arraySizes(vd->getType(), true);
      if (c.site == none && vd->hasLocalStorage() && !isResultDecl(vd))
        addVar(vd, slot);
      if ((c.site != none || c.inOutermostDefer) && needsOneCopy(vd))
        fn.blocks_need_one_copy = true;
    }
    if (auto *td = dyn_cast<TypedefNameDecl>(d))
      arraySizes(td->getUnderlyingType(), true);
  }
  children(ds);
}

void Walker::exit(Stmt *s, defer_rules::Exit::Kind kind, unsigned target) {
  fn.exits.push_back({kind, pos, where(s->getBeginLoc()), c.site, target});
}

void Walker::goTo(GotoStmt *g) {
  defer_rules::Goto model;
  model.at = pos;
  model.where = where(g->getGotoLoc());
  model.site = c.site;
  auto cond = gotoConds.find(g);
  if (cond != gotoConds.end())
    model.counted = countedGotoTest(scan, cond->second);
  fn.gotos.push_back(model);
  gotoDests.push_back(g->getLabel());
}

void Walker::indirectGoto(IndirectGotoStmt *g) {
  defer_rules::Goto model;
  model.at = pos;
  model.where = where(g->getGotoLoc());
  model.site = c.site;
  fn.gotos.push_back(model);
  gotoDests.push_back(nullptr);
  children(g);
}

void Walker::label(LabelStmt *l) {
  labelIds[l->getDecl()] = fn.labels.size();
  fn.labels.push_back({pos, c.site, false});
  if (c.site != none || c.inOutermostDefer)
    fn.blocks_need_one_copy = true;
  children(l);
}

void Walker::caseLabel(SwitchCase *sc) {
  fn.cases.push_back({pos, where(sc->getKeywordLoc()), c.site, c.switchSite,
                      c.switchAt});
  children(sc);
}

void Walker::call(Stmt **slot, CallExpr *call) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee)
    return;
  StringRef name = callee->getName();
  if (name == "__defer_recover" && c.site != none) {
    scan.recovers.push_back(slot);
    fn.recovers = true;
  }
  // Refused in a `_Defer`'s statement (scoped.h); Clang 22 checks its own.
  if (defer_rules::sjlj_name(name.str()))
    fn.jump_calls.push_back({pos, where(call->getBeginLoc()), name.str()});
  unsigned id = callee->getBuiltinID();
  if (callee->hasAttr<ReturnsTwiceAttr>() || name == "setjmp" ||
      name == "_setjmp" || name == "sigsetjmp" || name == "__sigsetjmp" ||
      name == "savectx" || name == "vfork" || name == "getcontext" ||
      id == Builtin::BI__builtin_setjmp)
    fn.calls_setjmp = true;
  if (id == Builtin::BI__builtin_alloca || id == Builtin::BIalloca ||
      id == Builtin::BI__builtin_alloca_with_align)
    fn.moves_stack = true;
}

// Its body runs in other threads or in a function of its own: the rules
// refuse a `defer` there, and the construct in a deferred block.  The
// captured statement is not among the directive's children.
void Walker::omp(OMPExecutableDirective *d) {
  int index = fn.omp.size();
  fn.omp.push_back({pos, pos, where(d->getBeginLoc()), c.site});
  if (c.site == none && d->hasAssociatedStmt()) {
    Stmt *body = d->getInnermostCapturedStmt()->getCapturedStmt();
    walk(&body);
  }
  fn.omp[index].last = pos;
}

// A variable named here: a use of defer_result, or a name a deferred
// block reads.
void Walker::reference(DeclRefExpr *ref) {
  auto *vd = dyn_cast<VarDecl>(ref->getDecl());
  if (!vd)
    return;
  if (vd->getName() == resultName &&
      (isResultDecl(vd) || vd->hasExternalStorage())) {
    // Sema refused the unavailable one; an operand that is never
    // evaluated uses nothing.
    if (vd->hasAttr<UnavailableAttr>() || c.unevaluated)
      return;
    bool own = isResultDecl(vd) && vd->getDeclContext() == scan.fn;
    fn.results.push_back(
        {pos,
         where(keywordLocation(ctx.getSourceManager(), ref->getLocation())),
         c.site, own});
    if (own && c.site != none)
      scan.resultRefs.push_back(ref);
    return;
  }
  int v = scan.varId(vd);
  if (c.site == none || v == none)
    return;
  std::vector<int> &names = fn.sites[c.site].names;
  if (std::find(names.begin(), names.end(), v) == names.end())
    names.push_back(v);
}

// The sizes of the variable length arrays that T, written here, evaluates
// and that the statement's children miss: those behind a pointer or other
// sugar, as in `(int (*)[n]) p` or `int (*p)[n]`.  COVERED: T's outermost
// array layers are children already (of a declaration or sizeof).  The
// sizes of a typedef's type ran at the typedef.
void Walker::arraySizes(QualType t, bool covered) {
  while (!t.isNull()) {
    const Type *ty = t.getTypePtr();
    if (auto *at = dyn_cast<ArrayType>(ty)) {
      auto *vat = dyn_cast<VariableArrayType>(at);
      if (vat && vat->getSizeExpr() && !covered) {
        Stmt *size = vat->getSizeExpr(); // an expression: never replaced
        walk(&size);
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

void Walker::walkBody() {
  Stmt *body = scan.fn->getBody();
  Context top;
  top.outermost = true;
  // The body's own block: its statements are the outermost ones.
  pos++;
  c = top;
  children(body);
  fn.last = pos;
  // The body's own `_Defer`s are pending to its end.
  for (defer_rules::ScopedDefer &s : fn.scoped)
    if (s.outermost)
      s.scope_last = fn.last;
}

// Gotos name their labels, found anywhere in the walk.
void Walker::finish() {
  for (unsigned i = 0; i < fn.gotos.size(); i++)
    if (LabelDecl *dest = gotoDests[i]) {
      auto l = labelIds.find(dest);
      if (l != labelIds.end())
        fn.gotos[i].label = l->second;
    }
  for (LabelDecl *label : addressTakenLabels) {
    auto l = labelIds.find(label);
    if (l != labelIds.end())
      fn.labels[l->second].address_taken = true;
  }
}

} // namespace

void scanFunction(ASTContext &ctx, FunctionDecl *fn, Scan &scan) {
  scan.fn = fn;
  Walker w(ctx, scan);
  w.walkBody();
  w.finish();
}

// Braces that neither declare nor hold a `_Defer` (whose block is
// theirs) may be spliced into the block around them.
bool opensNoScope(const CompoundStmt *cs) {
  for (const Stmt *s : cs->body())
    if (isa<DeclStmt>(s) || isScopedDefer(s))
      return false;
  return true;
}

bool isScopedMarker(const Stmt *s) {
  auto *f = dyn_cast_or_null<ForStmt>(s);
  return f && !f->getInit() && f->getInc() &&
         callsSiteFunction(f->getCond()) && callsSiteFunction(f->getInc());
}

bool isScopedDefer(const Stmt *s) {
  return compat::isDeferStmt(s) || isScopedMarker(s);
}

Stmt *scopedDeferBody(Stmt *s) {
  if (compat::isDeferStmt(s))
    return compat::deferBody(s);
  return cast<ForStmt>(s)->getBody();
}

SourceLocation scopedDeferLocation(const SourceManager &sm, const Stmt *s) {
  SourceLocation at;
  if (compat::isDeferStmt(s, &at))
    return at;
  return keywordLocation(sm, s->getBeginLoc());
}

Stmt *labelledStatement(Stmt *s) { return *labelledSlot(s); }

bool needsOneCopy(const VarDecl *vd) {
  QualType t = vd->getType();
  return vd->hasLocalStorage() &&
         (t->isVariablyModifiedType() || (t->isArrayType() && vd->getInit()));
}

Stmt **labelledSlot(Stmt *&s) {
  Stmt **slot = &s;
  while (*slot && (isa<LabelStmt>(*slot) || isa<SwitchCase>(*slot))) {
    Stmt **last = nullptr;
    for (Stmt *&child : (*slot)->children())
      last = &child;
    slot = last;
  }
  return slot;
}

} // namespace defer_clang
