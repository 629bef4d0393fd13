// SPDX-License-Identifier: MIT
// Converting a shared exit path to `defer` (ExitPath.h), only where every
// path provably behaves the same.
//
// The exit path is the run of labels and statements that ends the
// function's outermost block: one label (`out: free (p); return ret;`) or
// a ladder of them (`err_b: free (b); err_a: free (a); return ret;`),
// each `goto` entering it at some label and running every statement from
// there down.  Each of those statements becomes a `defer` placed between
// two statements of the outermost block, where it registers for exactly
// the exits that ran it: after every exit that enters the path below it,
// before every exit that enters at or above it.  The `defer`s register in
// the reverse of the path's order, so they run in its order; they read the
// variables when they run, as the path did; the returned value is a
// constant or a local that nothing on the path changes, so evaluating it
// before the blocks run gives what the path returned.  A `return` that
// left without the exit path, after some `defer` registers, is told apart
// by its value: the block is guarded by `defer_result` (<defer.h>) when
// every such `return` gives one constant and every exit through the path
// provably gives another.  An unlock is moved only to just after the
// matching lock in the outermost block, which then holds on every path
// to it, and only when nothing else in the function unlocks it.
//
// Then every `goto label;` becomes `return E;`, and the labels and their
// statements go; the final `return E;` stays when control can fall into
// the path, and goes with it otherwise.

#include "ExitPath.h"

#include "TextRanges.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>

using namespace clang;
using defer_lower::statementEnd;
using defer_lower::statementRange;

namespace defer_migrate {
namespace {

const VarDecl *varOf(const Expr *e) {
  if (!e)
    return nullptr;
  if (auto *r = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(r->getDecl());
  return nullptr;
}

bool endsWithAny(StringRef name, std::initializer_list<StringRef> ends) {
  for (StringRef e : ends)
    if (name.ends_with(e))
      return true;
  return false;
}

bool releasingFunction(StringRef name) {
  return name == "free" || name == "fclose" || name == "close" ||
         name == "closedir" || name == "pclose" || name == "munmap" ||
         name == "freeaddrinfo" ||
         endsWithAny(name, {"free", "_destroy", "_close", "_release",
                            "_unref", "_decref", "_delete", "_cleanup",
                            "_deinit", "_fini"});
}

bool releasingMacro(StringRef name) {
  std::string upper = name.upper();
  StringRef u(upper);
  return u.contains("FREE") || u.contains("UNLOCK") || u.ends_with("_DEL") ||
         u.contains("DESTROY") || u.contains("CLOSE") ||
         u.contains("RELEASE");
}

// The text of R in the file.
std::string textOf(const SourceManager &sm, const LangOptions &lo,
                   CharSourceRange r) {
  return Lexer::getSourceText(r, sm, lo).str();
}

// A statement that is one call of a function, or one use of a macro
// written in the file: its name and its arguments as written.
struct Call {
  std::string name, args;
  bool macro = false;
};

std::optional<Call> callOf(ASTContext &ctx, const Stmt *s) {
  const SourceManager &sm = ctx.getSourceManager();
  const LangOptions &lo = ctx.getLangOpts();
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(s))
    s = cs->size() == 1 ? cs->body_front() : nullptr;
  if (!s)
    return std::nullopt;
  SourceLocation b = s->getBeginLoc();
  if (b.isMacroID()) {
    // The whole statement one macro: `EVBUFFER_UNLOCK (buf);`.
    if (!sm.isAtStartOfImmediateMacroExpansion(b))
      return std::nullopt;
    CharSourceRange call = sm.getImmediateExpansionRange(b);
    if (!call.getBegin().isFileID())
      return std::nullopt;
    SourceRange whole = statementRange(ctx, s);
    if (whole.isInvalid())
      return std::nullopt;
    std::string text = textOf(sm, lo, CharSourceRange::getTokenRange(whole));
    StringRef name = Lexer::getImmediateMacroName(b, sm, lo);
    StringRef t(text);
    if (!t.starts_with(name))
      return std::nullopt;
    t = t.drop_front(name.size()).trim();
    if (!t.consume_back(";"))
      return std::nullopt;
    t = t.trim();
    if (!t.consume_front("(") || !t.consume_back(")"))
      return std::nullopt;
    return Call{name.str(), t.trim().str(), true};
  }
  if (auto *ce = dyn_cast<CStyleCastExpr>(s))
    if (ce->getType()->isVoidType())
      s = ce->getSubExpr();
  auto *call = dyn_cast<CallExpr>(s);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee)
    return std::nullopt;
  Call c;
  c.name = callee->getName().str();
  for (unsigned i = 0; i < call->getNumArgs(); i++) {
    CharSourceRange r = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(call->getArg(i)->getSourceRange()), sm,
        lo);
    if (r.isInvalid())
      return std::nullopt;
    c.args += (i ? ", " : "") + textOf(sm, lo, r);
  }
  return c;
}

bool isUnlock(const Call &c) {
  StringRef n(c.name);
  return n.contains_insensitive("unlock") ||
         (n.contains_insensitive("release") && n.contains_insensitive("lock"));
}

// The names of the calls that take what C.name releases.
std::vector<std::string> lockNames(const Call &c) {
  std::string n = c.name;
  std::vector<std::string> out;
  // EVBASE_RELEASE_LOCK: EVBASE_ACQUIRE_LOCK.
  for (auto [from, to] : {std::pair{"release", "acquire"},
                          {"RELEASE", "ACQUIRE"}, {"Release", "Acquire"}}) {
    size_t at = n.rfind(from);
    if (at != std::string::npos && StringRef(n).contains_insensitive("lock"))
      out.push_back(n.substr(0, at) + to + n.substr(at + strlen(from)));
  }
  for (const char *from : {"unlock", "UNLOCK", "Unlock"}) {
    size_t at = n.rfind(from);
    if (at == std::string::npos)
      continue;
    std::string to = std::string(from).substr(2); // "lock", "LOCK"
    out.push_back(n.substr(0, at) + to + n.substr(at + strlen(from)));
    // pthread_rwlock_unlock: rdlock and wrlock.
    if (n.substr(0, at).size() >= 5 &&
        StringRef(n.substr(0, at)).ends_with_insensitive("lock_")) {
      out.push_back(n.substr(0, at) + (to == "LOCK" ? "RD" : "rd") + to);
      out.push_back(n.substr(0, at) + (to == "LOCK" ? "WR" : "wr") + to);
    }
    break;
  }
  return out;
}

// The variable a release acts on, when it is `f (x)` or `if (x) f (x)`.
const VarDecl *releasedVar(const Stmt *s, bool &guarded, std::string &fn) {
  guarded = false;
  if (auto *is = dyn_cast<IfStmt>(s)) {
    if (is->getElse() || is->getInit() || is->getConditionVariable())
      return nullptr;
    guarded = true;
    s = is->getThen();
  }
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(s))
    s = cs->size() == 1 ? cs->body_front() : nullptr;
  auto *call = dyn_cast_or_null<CallExpr>(s);
  if (!call || call->getNumArgs() != 1 || !call->getDirectCallee())
    return nullptr;
  fn = call->getDirectCallee()->getName().str();
  return varOf(call->getArg(0));
}

bool isRelease(ASTContext &ctx, const Stmt *s) {
  const Stmt *inner = s;
  if (auto *is = dyn_cast<IfStmt>(s))
    if (!is->getElse())
      inner = is->getThen();
  if (auto c = callOf(ctx, inner))
    return c->macro ? releasingMacro(c->name)
                    : releasingFunction(c->name) || isUnlock(*c);
  // A call that a macro writes, which cannot move but is a release.
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(inner))
    inner = cs->size() == 1 ? cs->body_front() : nullptr;
  if (auto *call = dyn_cast_or_null<CallExpr>(inner))
    if (const FunctionDecl *f = call->getDirectCallee())
      return releasingFunction(f->getName()) ||
             f->getName().contains_insensitive("unlock");
  return false;
}

// `x = CONSTANT;` or `p->field = NULL;`: what a release often forgets
// beside it, and nothing else.
bool resetsState(ASTContext &ctx, const Stmt *s) {
  auto *a = dyn_cast<BinaryOperator>(s);
  return a && a->getOpcode() == BO_Assign &&
         a->getRHS()->IgnoreParenCasts()->isEvaluatable(ctx) &&
         !a->getLHS()->HasSideEffects(ctx);
}

// Releases of the C library that do not accept what a failed acquisition
// leaves (a null FILE *, a negative descriptor).
bool needsGuard(StringRef name) {
  return name == "fclose" || name == "close" || name == "closedir" ||
         name == "pclose";
}

class Uses : public RecursiveASTVisitor<Uses> {
public:
  std::vector<const GotoStmt *> gotos;
  std::vector<const ReturnStmt *> returns;
  std::vector<const LabelStmt *> labels;
  std::set<const VarDecl *> addressTaken;
  std::vector<const CallExpr *> calls;
  bool computedGoto = false, labelAddress = false, setjmp = false;

  bool VisitGotoStmt(GotoStmt *g) {
    gotos.push_back(g);
    return true;
  }
  bool VisitLabelStmt(LabelStmt *l) {
    labels.push_back(l);
    return true;
  }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *) {
    computedGoto = true;
    return true;
  }
  bool VisitAddrLabelExpr(AddrLabelExpr *) {
    labelAddress = true;
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *r) {
    returns.push_back(r);
    return true;
  }
  bool VisitCallExpr(CallExpr *c) {
    calls.push_back(c);
    if (const FunctionDecl *f = c->getDirectCallee())
      if (f->getName().contains("setjmp") || f->getName() == "vfork")
        setjmp = true;
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *u) {
    if (u->getOpcode() == UO_AddrOf)
      if (const VarDecl *v = varOf(u->getSubExpr()))
        addressTaken.insert(v);
    return true;
  }
};

// What a statement of the exit path may not hold: a jump out of it, a
// label, a declaration.
class Escapes : public RecursiveASTVisitor<Escapes> {
public:
  std::string why;
  int loops = 0, switches = 0;
  std::set<const VarDecl *> named, written, declared;

  bool TraverseStmt(Stmt *s) {
    if (!s)
      return true;
    bool loop = isa<ForStmt, WhileStmt, DoStmt>(s), sw = isa<SwitchStmt>(s);
    loops += loop;
    switches += sw;
    bool r = RecursiveASTVisitor::TraverseStmt(s);
    loops -= loop;
    switches -= sw;
    return r;
  }
  bool VisitReturnStmt(ReturnStmt *) { return fail("returns"); }
  bool VisitGotoStmt(GotoStmt *) { return fail("jumps"); }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *) { return fail("jumps"); }
  bool VisitLabelStmt(LabelStmt *) { return fail("has a label"); }
  bool VisitBreakStmt(BreakStmt *) {
    return loops || switches ? true : fail("breaks out");
  }
  bool VisitContinueStmt(ContinueStmt *) {
    return loops ? true : fail("continues a loop");
  }
  bool VisitVarDecl(VarDecl *d) {
    declared.insert(d);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *r) {
    if (auto *v = dyn_cast<VarDecl>(r->getDecl()))
      named.insert(v);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *b) {
    if (b->isAssignmentOp())
      if (const VarDecl *v = varOf(b->getLHS()))
        written.insert(v);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *u) {
    if (u->isIncrementDecrementOp())
      if (const VarDecl *v = varOf(u->getSubExpr()))
        written.insert(v);
    return true;
  }

private:
  bool fail(const char *w) {
    if (why.empty())
      why = w;
    return true;
  }
};

std::string lineOf(ASTContext &ctx, const Stmt *s) {
  return std::to_string(
      ctx.getSourceManager().getPresumedLineNumber(s->getBeginLoc()));
}

// The whitespace that starts the line of LOC.
std::string indentOf(const SourceManager &sm, SourceLocation loc) {
  loc = sm.getExpansionLoc(loc);
  StringRef buffer = sm.getBufferData(sm.getFileID(loc));
  unsigned offset = sm.getFileOffset(loc);
  unsigned start = offset;
  while (start > 0 && buffer[start - 1] != '\n')
    start--;
  unsigned end = start;
  while (end < offset && (buffer[end] == ' ' || buffer[end] == '\t'))
    end++;
  return buffer.substr(start, end - start).str();
}

// Where a statement after the one ending with the token at LOC goes: the
// end of its line when only a comment follows it there, else right after
// the token.
SourceLocation endOfLine(const SourceManager &sm, SourceLocation loc) {
  StringRef buffer = sm.getBufferData(sm.getFileID(loc));
  unsigned offset = sm.getFileOffset(loc), end = offset;
  while (end < buffer.size() && buffer[end] != '\n')
    end++;
  StringRef rest = buffer.substr(offset + 1, end - offset - 1).trim();
  bool onlyComment =
      rest.empty() || rest.starts_with("//") ||
      (rest.starts_with("/*") && rest.ends_with("*/") &&
       rest.find("*/") == rest.size() - 2);
  return loc.getLocWithOffset(onlyComment ? end - offset : 1);
}

unsigned lineStart(StringRef buffer, unsigned offset) {
  while (offset > 0 && buffer[offset - 1] != '\n')
    offset--;
  return offset;
}

bool blankBetween(StringRef buffer, unsigned from, unsigned to) {
  return buffer.substr(from, to - from).trim(" \t").empty();
}

// An item of the exit path: a statement (with the plain statements that
// follow it in the same rung), where its `defer` goes, and how.
struct Item {
  std::vector<const Stmt *> stmts;
  unsigned entry = 0; // its position in the path
  bool release = false;
  std::optional<Call> unlock;
  const VarDecl *var = nullptr; // what a release of one variable releases
  bool guarded = false;
  std::string function;
  int lo = -1, hi = 0, at = -1; // after outermost statement `at`
  bool needsGuard = false;
  std::set<const VarDecl *> named;
};

// An exit into the path: a goto, or falling into it.
struct Exit {
  const Stmt *stmt; // the goto, or null for falling in
  unsigned entry;   // the first item it runs
  int t;            // the outermost statement that holds it
};

// Whether COND being true (false when NEGATED) shows V != S.
bool impliesNot(ASTContext &ctx, const Expr *cond, const VarDecl *v,
                const llvm::APSInt &s, bool negated) {
  cond = cond->IgnoreParenImpCasts();
  auto isV = [&](const Expr *e) {
    e = e->IgnoreParenImpCasts();
    if (auto *a = dyn_cast<BinaryOperator>(e))
      if (a->getOpcode() == BO_Assign)
        e = a->getLHS();
    return varOf(e) == v;
  };
  if (auto *u = dyn_cast<UnaryOperator>(cond))
    if (u->getOpcode() == UO_LNot)
      return impliesNot(ctx, u->getSubExpr(), v, s, !negated);
  if (isV(cond))
    return negated ? s != 0 : s == 0;
  auto *b = dyn_cast<BinaryOperator>(cond);
  if (!b)
    return false;
  BinaryOperatorKind op = b->getOpcode();
  if ((op == BO_LAnd && !negated) || (op == BO_LOr && negated))
    return impliesNot(ctx, b->getLHS(), v, s, negated) ||
           impliesNot(ctx, b->getRHS(), v, s, negated);
  if (!b->isComparisonOp())
    return false;
  const Expr *other;
  if (isV(b->getLHS()))
    other = b->getRHS();
  else if (isV(b->getRHS())) {
    other = b->getLHS();
    op = BinaryOperator::reverseComparisonOp(op);
  } else
    return false;
  std::optional<llvm::APSInt> x = other->getIntegerConstantExpr(ctx);
  if (!x)
    return false;
  if (negated)
    op = BinaryOperator::negateComparisonOp(op);
  int64_t X = x->getExtValue(), S = s.getExtValue();
  switch (op) {
  case BO_NE: return X == S;
  case BO_EQ: return X != S;
  case BO_LT: return S >= X;
  case BO_LE: return S > X;
  case BO_GT: return S <= X;
  case BO_GE: return S < X;
  default: return false;
  }
}

bool mentions(const Stmt *s, const VarDecl *v) {
  if (!s)
    return false;
  if (auto *r = dyn_cast<DeclRefExpr>(s))
    if (r->getDecl() == v)
      return true;
  if (isa<LabelStmt, SwitchCase>(s))
    return true; // control may arrive here from elsewhere
  for (const Stmt *c : s->children())
    if (mentions(c, v))
      return true;
  return false;
}

// Whether V differs from S when control reaches AT (a goto, or the end of
// the statements of BODY before index END when AT is null).
bool differsAt(ASTContext &ctx, const Stmt *at, const CompoundStmt *body,
               int end, const VarDecl *v, const llvm::APSInt &s) {
  // Scans the statements of a block before position N backwards.
  auto scan = [&](const CompoundStmt *cs, int n, bool &known) {
    known = false;
    for (int i = n - 1; i >= 0; i--) {
      const Stmt *q = cs->body_begin()[i];
      if (!mentions(q, v))
        continue;
      known = true;
      auto *a = dyn_cast<BinaryOperator>(q);
      if (a && a->getOpcode() == BO_Assign && varOf(a->getLHS()) == v)
        if (auto k = a->getRHS()->getIntegerConstantExpr(ctx))
          return k->getExtValue() != s.getExtValue();
      return false;
    }
    return false;
  };
  bool known;
  if (!at) {
    bool r = scan(body, end, known);
    return known && r;
  }
  const Stmt *cur = at;
  while (true) {
    auto parents = ctx.getParents(*cur);
    if (parents.size() != 1)
      return false;
    const Stmt *p = parents[0].get<Stmt>();
    if (!p)
      return false;
    if (auto *cs = dyn_cast<CompoundStmt>(p)) {
      int n = std::find(cs->body_begin(), cs->body_end(), cur) - cs->body_begin();
      bool r = scan(cs, n, known);
      if (known)
        return r;
    } else if (auto *is = dyn_cast<IfStmt>(p)) {
      if (is->getInit() || is->getConditionVariable() || cur == is->getCond())
        return false;
      return impliesNot(ctx, is->getCond(), v, s, cur == is->getElse());
    } else if (!isa<AttributedStmt>(p)) {
      return false;
    }
    cur = p;
  }
}

} // namespace

Verdict migrateFunction(ASTContext &ctx, FunctionDecl *fn, Rewriter &rw) {
  Verdict v;
  auto *body = dyn_cast_or_null<CompoundStmt>(fn->getBody());
  if (!body || body->size() == 0)
    return v;
  const SourceManager &sm = ctx.getSourceManager();
  const LangOptions &lo = ctx.getLangOpts();
  std::vector<Stmt *> stmts(body->body_begin(), body->body_end());
  int n = stmts.size();
  const ReturnStmt *final = dyn_cast<ReturnStmt>(stmts.back());
  {
    const Stmt *last = stmts.back();
    while (auto *l = dyn_cast<LabelStmt>(last))
      last = l->getSubStmt();
    final = dyn_cast<ReturnStmt>(last);
  }

  // The exit path: from the earliest outermost label after which every
  // statement can become a deferred block.
  auto flatten = [&](int from, std::vector<const Stmt *> &out,
                     std::vector<const LabelStmt *> &labels,
                     std::vector<unsigned> &labelEntry) {
    for (int i = from; i < n; i++) {
      const Stmt *s = stmts[i];
      while (auto *l = dyn_cast<LabelStmt>(s)) {
        labels.push_back(l);
        labelEntry.push_back(out.size());
        s = l->getSubStmt();
      }
      if (s == final || isa<NullStmt>(s))
        continue;
      out.push_back(s);
    }
  };
  int lastLabel = -1;
  for (int i = 0; i < n; i++)
    if (isa<LabelStmt>(stmts[i]))
      lastLabel = i;
  if (lastLabel < 0)
    return v;
  std::string refusal;
  auto refuse = [&](const std::string &why) {
    if (refusal.empty())
      refusal = why;
  };
  auto escapeOf = [&](const Stmt *s) {
    if (isa<DeclStmt>(s))
      return std::string("declares");
    Escapes e;
    e.TraverseStmt(const_cast<Stmt *>(s));
    return e.why;
  };
  int k0 = lastLabel;
  {
    std::vector<const Stmt *> tail;
    std::vector<const LabelStmt *> ls;
    std::vector<unsigned> le;
    flatten(lastLabel, tail, ls, le);
    bool anyRelease = false;
    for (const Stmt *s : tail)
      anyRelease |= isRelease(ctx, s);
    for (const Stmt *s : tail) {
      std::string why = escapeOf(s);
      if (!why.empty())
        refuse("the exit path " + why + " (line " + lineOf(ctx, s) + ")");
      else if (!isRelease(ctx, s) && !resetsState(ctx, s))
        refuse("the exit path does more than release resources (line " +
               lineOf(ctx, s) + ")");
    }
    if (!anyRelease && !refusal.empty())
      return v;
    if (!final && !fn->getReturnType()->isVoidType())
      refuse("the exit path does not end with a return of a value");
    // Earlier rungs of a ladder.
    for (int i = lastLabel - 1; refusal.empty() && i >= 0; i--) {
      if (!isa<LabelStmt>(stmts[i]))
        continue;
      bool ok = true;
      for (int j = i; j < k0 && ok; j++) {
        const Stmt *s = stmts[j];
        while (auto *l = dyn_cast<LabelStmt>(s))
          s = l->getSubStmt();
        ok = isa<NullStmt>(s) || (escapeOf(s).empty() &&
                                  (isRelease(ctx, s) || resetsState(ctx, s)));
      }
      if (!ok)
        break;
      k0 = i;
    }
  }
  std::vector<const Stmt *> path;
  std::vector<const LabelStmt *> labels;
  std::vector<unsigned> labelEntry;
  flatten(k0, path, labels, labelEntry);
  if (std::none_of(path.begin(), path.end(),
                   [&](const Stmt *s) { return isRelease(ctx, s); }))
    return v;
  v.candidate = true;
  for (const LabelStmt *l : labels)
    v.labels.push_back(l->getName());
  v.label = labels.front()->getName();
  v.line = sm.getPresumedLineNumber(labels.front()->getBeginLoc());

  // The items: each release, with the plain statements after it in its
  // rung; plain statements at the head of a rung stand alone.
  std::vector<Item> items;
  {
    unsigned rung = 0;
    for (unsigned i = 0; i < path.size(); i++) {
      bool startsRung = false;
      while (rung < labelEntry.size() && labelEntry[rung] <= i) {
        startsRung = true;
        rung++;
      }
      bool rel = isRelease(ctx, path[i]);
      if (rel || startsRung || items.empty()) {
        Item it;
        it.entry = i;
        it.release = rel;
        items.push_back(it);
      }
      items.back().stmts.push_back(path[i]);
    }
  }
  // Each item's first statement's position, for the entries of labels.
  auto itemOfEntry = [&](unsigned pathIndex) {
    unsigned k = 0;
    while (k < items.size() && items[k].entry < pathIndex)
      k++;
    return k;
  };

  Uses uses;
  uses.TraverseStmt(body);
  if (uses.computedGoto || uses.labelAddress)
    refuse("the function has a computed goto");
  if (uses.setjmp)
    refuse("the function calls setjmp or vfork");
  auto outerIndex = [&](const Stmt *s) {
    SourceLocation loc = sm.getExpansionLoc(s->getBeginLoc());
    for (int i = 0; i < n; i++)
      if (s == stmts[i] ||
          sm.isPointWithin(loc, sm.getExpansionLoc(stmts[i]->getBeginLoc()),
                           sm.getExpansionRange(stmts[i]->getEndLoc()).getEnd()))
        return i;
    return -1;
  };
  std::set<const LabelDecl *> pathLabels;
  for (const LabelStmt *l : labels)
    pathLabels.insert(l->getDecl());
  for (const LabelStmt *l : uses.labels)
    if (!pathLabels.count(l->getDecl())) {
      bool targeted = false;
      for (const GotoStmt *g : uses.gotos)
        targeted |= g->getLabel() == l->getDecl();
      if (targeted)
        refuse("a goto to '" + std::string(l->getName()) + "' (line " +
               lineOf(ctx, l) + ") is another way through the function");
    }

  std::vector<Exit> exits;
  for (const GotoStmt *g : uses.gotos) {
    auto at = std::find(labels.begin(), labels.end(), g->getLabel()->getStmt());
    if (at == labels.end())
      continue;
    unsigned entry = itemOfEntry(labelEntry[at - labels.begin()]);
    int t = outerIndex(g);
    if (t < 0 || t >= k0)
      refuse("a goto to '" + g->getLabel()->getName().str() + "' (line " +
             lineOf(ctx, g) + ") is inside the exit path");
    if (statementRange(ctx, g).isInvalid())
      refuse("a goto to '" + g->getLabel()->getName().str() +
             "' is written inside a macro");
    exits.push_back({g, entry, t});
  }
  bool fallsIn = k0 == 0 || !isa<ReturnStmt, GotoStmt>(stmts[k0 - 1]);
  if (fallsIn)
    exits.push_back({nullptr, 0, k0});
  if (exits.empty()) {
    v.candidate = false;
    return v;
  }
  std::vector<std::pair<const ReturnStmt *, int>> others;
  for (const ReturnStmt *r : uses.returns)
    if (r != final) {
      others.push_back({r, outerIndex(r)});
      if (others.back().second < 0 || others.back().second >= k0)
        refuse("a return at line " + lineOf(ctx, r) +
               " cannot be placed in the function's outermost block");
    }

  // The value returned through the path.
  bool returnsVoid = fn->getReturnType()->isVoidType();
  const Expr *value = final ? final->getRetValue() : nullptr;
  const VarDecl *rv = varOf(value);
  std::string valueText;
  if (!returnsVoid) {
    std::set<const VarDecl *> writtenOnPath;
    for (const Stmt *s : path) {
      Escapes e;
      e.TraverseStmt(const_cast<Stmt *>(s));
      writtenOnPath.insert(e.written.begin(), e.written.end());
    }
    if (!value)
      refuse("the exit path does not end with a return of a value");
    else if (rv ? (!rv->hasLocalStorage() || writtenOnPath.count(rv) ||
                   uses.addressTaken.count(rv))
                : !value->isEvaluatable(ctx))
      refuse("the value returned is not a constant or a local the exit path "
             "cannot change");
    else {
      CharSourceRange r = Lexer::makeFileCharRange(
          CharSourceRange::getTokenRange(value->getSourceRange()), sm, lo);
      valueText = textOf(sm, lo, r);
      if (valueText.empty())
        refuse("the returned value has no text of its own");
    }
  }

  // Where each item may register: after every exit that enters below it,
  // before every exit that enters at or above it, after the declarations
  // of the locals it names.
  for (unsigned j = 0; j < items.size(); j++) {
    Item &it = items[j];
    it.hi = k0 - 1;
    it.lo = -1;
    for (const Exit &x : exits) {
      if (x.entry <= j)
        it.hi = std::min(it.hi, x.t - 1);
      else
        it.lo = std::max(it.lo, x.t);
    }
    for (const Stmt *s : it.stmts) {
      Escapes e;
      e.TraverseStmt(const_cast<Stmt *>(s));
      for (const VarDecl *d : e.named)
        if (!e.declared.count(d))
          it.named.insert(d);
      if (statementRange(ctx, s).isInvalid())
        refuse("the statement at line " + lineOf(ctx, s) +
               " of the exit path is written inside a macro");
    }
    for (const VarDecl *d : it.named) {
      if (!d->isLocalVarDecl() || d->isStaticLocal())
        continue;
      int at = -1;
      for (int i = 0; i < k0; i++)
        if (auto *ds = dyn_cast<DeclStmt>(stmts[i]))
          for (const Decl *x : ds->decls())
            if (x == d)
              at = i;
      if (at < 0)
        refuse("'" + d->getName().str() +
               "' is not declared in the function's outermost block");
      it.lo = std::max(it.lo, at);
    }
    if (it.lo > it.hi) {
      std::string first = it.stmts.front() ? lineOf(ctx, it.stmts.front()) : "";
      refuse("no place registers the statement at line " + first +
             " for exactly the gotos that run it: the gotos do not enter "
             "the exit path in the reverse order of what they acquired");
      continue;
    }
    it.release = isRelease(ctx, it.stmts.front());
    const Stmt *first = it.stmts.front();
    if (auto *is = dyn_cast<IfStmt>(first))
      if (!is->getElse())
        first = is->getThen();
    if (auto c = callOf(ctx, first); c && isUnlock(*c))
      it.unlock = c;
    it.var = releasedVar(it.stmts.front(), it.guarded, it.function);
    if (it.var && !it.guarded && needsGuard(it.function))
      refuse("'" + it.function + "' is not known to accept an unset '" +
             it.var->getName().str() + "': guard it with 'if (" +
             it.var->getName().str() + (it.function == "close" ? " >= 0" : "") +
             ")'");
  }
  if (!refusal.empty()) {
    v.reason = refusal;
    return v;
  }

  // Where each goes within its range.
  auto writes = [&](const Stmt *s, const VarDecl *d) {
    Escapes e;
    e.TraverseStmt(const_cast<Stmt *>(s));
    return e.written.count(d) > 0;
  };
  for (Item &it : items) {
    int at = it.lo;
    if (it.unlock) {
      // Just after the lock, which must be the only one of its kind.
      std::vector<std::string> locks = lockNames(*it.unlock);
      int lockAt = -1;
      for (int i = 0; i < k0; i++)
        if (auto c = callOf(ctx, stmts[i]))
          if (c->args == it.unlock->args &&
              std::find(locks.begin(), locks.end(), c->name) != locks.end())
            lockAt = i;
      std::string what = "'" + it.unlock->name + " (" + it.unlock->args + ")'";
      if (lockAt < 0) {
        refuse(what + " releases what the function may not hold on every "
                      "path to the label: no statement of its outermost "
                      "block takes the lock");
        continue;
      }
      for (const Exit &x : exits)
        if (x.entry <= (unsigned)(&it - &items[0]) && x.t <= lockAt) {
          refuse(what + " releases what the function may not hold on every "
                        "path to the label: a goto at line " +
                 lineOf(ctx, x.stmt) + " comes before the lock at line " +
                 lineOf(ctx, stmts[lockAt]));
          break;
        }
      StringRef fnText = Lexer::getSourceText(
          CharSourceRange::getTokenRange(body->getSourceRange()), sm, lo);
      size_t count = 0;
      auto identChar = [](char c) { return isalnum((unsigned char)c) || c == '_'; };
      const std::string &un = it.unlock->name;
      for (size_t p = fnText.find(un); p != StringRef::npos;
           p = fnText.find(un, p + 1))
        if ((p == 0 || !identChar(fnText[p - 1])) &&
            (p + un.size() >= fnText.size() || !identChar(fnText[p + un.size()])))
          count++;
      size_t onPath = 0;
      for (const Item &o : items)
        if (o.unlock && o.unlock->name == it.unlock->name)
          onPath++;
      // A call of the unlock that a macro writes outside the path.
      if (!it.unlock->macro)
        for (const CallExpr *c : uses.calls)
          if (const FunctionDecl *f = c->getDirectCallee())
            if (f->getName() == it.unlock->name &&
                sm.isBeforeInTranslationUnit(
                    sm.getExpansionLoc(c->getBeginLoc()),
                    sm.getExpansionLoc(labels.front()->getBeginLoc())) &&
                c->getBeginLoc().isMacroID())
              count++;
      if (count > onPath)
        refuse(what + " releases what the function may not hold on every "
                      "path to the label: the function also unlocks "
                      "elsewhere");
      if (lockAt < it.lo || lockAt > it.hi)
        refuse(what + " cannot follow the lock at line " +
               lineOf(ctx, stmts[lockAt]) +
               ": the gotos before and after it do not enter the exit "
               "path where that needs");
      it.at = lockAt;
      continue;
    }
    if (it.var && it.var->isLocalVarDecl()) {
      // `T *p = NULL;  defer if (p) release (p);` or the last statement
      // that sets the variable, within the range.
      const Expr *init = it.var->getInit();
      bool nullInit =
          init && init->isNullPointerConstant(ctx,
                                              Expr::NPC_ValueDependentIsNotNull);
      if (!(nullInit && (it.guarded || it.function == "free")))
        for (int i = it.lo + 1; i <= it.hi; i++)
          if (writes(stmts[i], it.var))
            at = i;
    }
    // Not among the declarations that open the function.
    {
      int decls = -1;
      while (decls + 1 < k0 && isa<DeclStmt>(stmts[decls + 1]))
        decls++;
      if (at < 0 && decls <= it.hi)
        at = decls;
    }
    // After the returns that leave before the range ends, so that no
    // guard is needed for them.
    for (auto &[r, t] : others)
      if (t <= it.hi)
        at = std::max(at, t);
    it.at = at;
  }
  // Registration in the reverse of the path's order.
  for (int j = (int)items.size() - 2; j >= 0; j--)
    if (items[j].at < items[j + 1].at) {
      if (items[j].unlock || items[j + 1].at > items[j].hi)
        refuse("the statements of the exit path cannot register in the "
               "reverse of its order: the gotos do not enter it in the "
               "reverse order of what they acquired");
      items[j].at = items[j + 1].at;
    }

  // Returns that leave without the path after a block registers.
  std::optional<llvm::APSInt> success;
  std::string successText;
  for (Item &it : items)
    for (auto &[r, t] : others)
      if (t > it.at) {
        it.needsGuard = true;
        const Expr *e = r->getRetValue();
        std::optional<llvm::APSInt> k =
            e ? e->getIntegerConstantExpr(ctx) : std::nullopt;
        if (!k || !fn->getReturnType()->isIntegralOrEnumerationType()) {
          refuse("a return at line " + lineOf(ctx, r) +
                 " leaves without the exit path, and its value is not a "
                 "constant that tells it apart");
          continue;
        }
        if (success && *success != *k) {
          refuse("the returns that leave without the exit path (line " +
                 lineOf(ctx, r) + ") do not all return one value");
          continue;
        }
        success = k;
        successText = textOf(
            sm, lo,
            Lexer::makeFileCharRange(
                CharSourceRange::getTokenRange(e->getSourceRange()), sm, lo));
      }
  std::string guard;
  if (success && refusal.empty()) {
    // Every exit through the path must return another value.
    std::optional<llvm::APSInt> k =
        value ? value->getIntegerConstantExpr(ctx) : std::nullopt;
    if (k) {
      if (*k == *success)
        refuse("the exit path returns " + valueText +
               ", as do the returns that leave without it");
      guard = "defer_result == " + valueText;
    } else {
      for (const Exit &x : exits) {
        bool runsGuarded = false;
        for (unsigned j = x.entry; j < items.size(); j++)
          runsGuarded |= items[j].needsGuard;
        if (runsGuarded && !differsAt(ctx, x.stmt, body, k0, rv, *success))
          refuse("'" + valueText + "' is not shown to differ from " +
                 successText + " " +
                 (x.stmt ? "at the goto at line " + lineOf(ctx, x.stmt)
                         : std::string("where control falls into the exit "
                                       "path")) +
                 ", which the returns that leave without the exit path "
                 "return");
      }
      guard = "defer_result != " + successText;
    }
  }
  for (const Item &it : items)
    if (it.at >= 0 && statementEnd(ctx, stmts[it.at]).isInvalid())
      refuse("the statement at line " + lineOf(ctx, stmts[it.at]) +
             ", after which a defer goes, is written inside a macro");
  if (!labels.front()->getBeginLoc().isFileID())
    refuse("the exit path is written inside a macro");
  if (!refusal.empty()) {
    v.reason = refusal;
    return v;
  }

  // The edits: the defers, newest registration last; returns for the
  // gotos; the path gone.
  std::vector<unsigned> order(items.size());
  for (unsigned j = 0; j < items.size(); j++)
    order[j] = items.size() - 1 - j;
  std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
    return items[a].at < items[b].at;
  });
  StringRef buffer = sm.getBufferData(sm.getMainFileID());
  for (unsigned j : order) {
    const Item &it = items[j];
    SourceLocation where;
    std::string indent;
    if (it.at >= 0) {
      where = endOfLine(sm, statementEnd(ctx, stmts[it.at]));
      indent = indentOf(sm, stmts[it.at]->getBeginLoc());
    } else {
      where = stmts[0]->getBeginLoc();
      indent = indentOf(sm, where);
    }
    std::string text;
    std::string prefix = it.needsGuard ? "if (" + guard + ") " : "";
    if (it.stmts.size() == 1) {
      text = prefix + rw.getRewrittenText(statementRange(ctx, it.stmts[0]));
    } else {
      text = prefix + "{";
      for (const Stmt *s : it.stmts)
        text += "\n" + indent + "  " +
                rw.getRewrittenText(statementRange(ctx, s));
      text += "\n" + indent + "}";
    }
    v.guarded |= it.needsGuard;
    if (it.at >= 0)
      rw.InsertText(where, "\n" + indent + "defer " + text);
    else
      rw.InsertText(where, "defer " + text + "\n" + indent);
  }
  std::string ret = returnsVoid ? "return;" : "return " + valueText + ";";
  for (const Exit &x : exits)
    if (x.stmt)
      rw.ReplaceText(statementRange(ctx, x.stmt), ret);
  unsigned from = lineStart(buffer, sm.getFileOffset(labels.front()->getBeginLoc()));
  unsigned to;
  if (fallsIn && final) {
    unsigned f = sm.getFileOffset(final->getBeginLoc());
    to = blankBetween(buffer, lineStart(buffer, f), f) ? lineStart(buffer, f) : f;
  } else {
    SourceLocation end = final ? statementEnd(ctx, final)
                               : statementEnd(ctx, path.back());
    to = sm.getFileOffset(end) + 1;
    while (to < buffer.size() && (buffer[to] == ' ' || buffer[to] == '\t'))
      to++;
    if (to < buffer.size() && buffer[to] == '\n')
      to++;
    // The blank lines before the path go with it.
    while (from > 1 && buffer[from - 1] == '\n' && buffer[from - 2] == '\n')
      from--;
  }
  SourceLocation start = sm.getLocForStartOfFile(sm.getMainFileID());
  rw.RemoveText(CharSourceRange::getCharRange(start.getLocWithOffset(from),
                                              start.getLocWithOffset(to)));
  v.converted = true;
  return v;
}

} // namespace defer_migrate
