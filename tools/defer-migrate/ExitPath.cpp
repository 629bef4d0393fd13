// SPDX-License-Identifier: MIT
// Converting a shared exit path to `defer` (ExitPath.h), only where every
// path provably behaves the same:
//   - the exit path is the function's last label, in its outermost block,
//     followed only by releases (`free (p);`, or `REL (x);` guarded by
//     `if (x)`, `if (x != NULL)` or, for close, `if (x >= 0)`) and the
//     final `return E;`;
//   - each released variable is declared alone in the outermost block
//     with a null (close: negative) initialiser, so the release does
//     nothing on a path that leaves before the variable is set, its
//     address is never taken, and the releases come newest declaration
//     first, the order deferred blocks run in;
//   - the function leaves only through the label: no other return, no
//     goto to another label, no computed goto, and every goto to the label
//     comes after the declarations;
//   - E is a constant or a local that is not released and whose address
//     is never taken, so its value is the same before the releases as
//     after them.
// Then a `defer` of each release follows its variable's declaration,
// every `goto label;` becomes `return E;`, and the label and its releases
// go; the function's final `return E;` stays.

#include "ExitPath.h"

#include "TextRanges.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <set>

using namespace clang;
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

bool releases(StringRef name) {
  return name == "free" || name == "fclose" || name == "close" ||
         name == "closedir" || name == "pclose" || name.ends_with("_free") ||
         name.ends_with("_destroy") || name.ends_with("_close");
}

enum class Guard { none, nonnull, nonnegative };

struct Release {
  const Stmt *stmt = nullptr;
  const VarDecl *var = nullptr;
  std::string function;
  Guard guard = Guard::none;
};

// `f (x)` as a statement: the function's name and x, or nothing.
const CallExpr *callOf(const Stmt *s) {
  while (auto *cs = dyn_cast_or_null<CompoundStmt>(s))
    s = cs->size() == 1 ? cs->body_front() : nullptr;
  return dyn_cast_or_null<CallExpr>(s);
}

// What `if (c)` tests: that V is not null, or not negative.
Guard guardOn(ASTContext &ctx, const Expr *c, const VarDecl *&v) {
  c = c->IgnoreParenImpCasts();
  if ((v = varOf(c)))
    return Guard::nonnull;
  auto *b = dyn_cast<BinaryOperator>(c);
  if (!b)
    return Guard::none;
  const Expr *l = b->getLHS(), *r = b->getRHS();
  if (b->getOpcode() == BO_NE && (v = varOf(l)) &&
      r->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull))
    return Guard::nonnull;
  if (b->getOpcode() == BO_GE && (v = varOf(l)))
    if (auto value = r->getIntegerConstantExpr(ctx); value && *value == 0)
      return Guard::nonnegative;
  v = nullptr;
  return Guard::none;
}

// S as a release; WHY says what it is otherwise ("" for a statement that
// releases nothing).
bool asRelease(ASTContext &ctx, const Stmt *s, Release &out, std::string &why) {
  out = Release();
  out.stmt = s;
  const Expr *cond = nullptr;
  if (auto *is = dyn_cast<IfStmt>(s)) {
    if (is->getElse() || is->getInit() || is->getConditionVariable())
      return false;
    cond = is->getCond();
    s = is->getThen();
  }
  const CallExpr *call = callOf(s);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee)
    return false;
  std::string name = callee->getName().str();
  if (StringRef(name).contains("unlock")) {
    why = "'" + name + "' releases what the function may not hold on every "
          "path to the label";
    return false;
  }
  if (!releases(name) || call->getNumArgs() != 1 ||
      !(out.var = varOf(call->getArg(0)))) {
    why = "";
    return false;
  }
  out.function = name;
  if (cond) {
    const VarDecl *tested = nullptr;
    out.guard = guardOn(ctx, cond, tested);
    if (tested != out.var || out.guard == Guard::none ||
        (out.guard == Guard::nonnegative) != (name == "close")) {
      why = "the test before '" + name + "' is not a test of '" +
            out.var->getName().str() + "' that the tool knows";
      return false;
    }
  }
  return true;
}

class Uses : public RecursiveASTVisitor<Uses> {
public:
  std::vector<const GotoStmt *> gotos;
  std::vector<const ReturnStmt *> returns;
  std::set<const VarDecl *> addressTaken;
  bool computedGoto = false, labelAddress = false;

  bool VisitGotoStmt(GotoStmt *g) {
    gotos.push_back(g);
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
  bool VisitUnaryOperator(UnaryOperator *u) {
    if (u->getOpcode() == UO_AddrOf)
      if (const VarDecl *v = varOf(u->getSubExpr()))
        addressTaken.insert(v);
    return true;
  }
};

std::string lineOf(ASTContext &ctx, const Stmt *s) {
  return std::to_string(
      ctx.getSourceManager().getPresumedLineNumber(s->getBeginLoc()));
}

// The whitespace that starts the line of LOC.
std::string indentOf(const SourceManager &sm, SourceLocation loc) {
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

// Where a statement after the declaration ending with the `;` at LOC goes:
// the end of its line when only a comment follows it there, else right
// after the `;`.
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

// RANGE widened to whole lines when only blanks share them.
CharSourceRange wholeLines(const SourceManager &sm, SourceRange range,
                           const LangOptions &lo) {
  StringRef buffer = sm.getBufferData(sm.getFileID(range.getBegin()));
  unsigned b = sm.getFileOffset(range.getBegin());
  unsigned e = sm.getFileOffset(range.getEnd()) + 1; // one-character tokens
  unsigned nb = b, ne = e;
  while (nb > 0 && (buffer[nb - 1] == ' ' || buffer[nb - 1] == '\t'))
    nb--;
  while (ne < buffer.size() && (buffer[ne] == ' ' || buffer[ne] == '\t'))
    ne++;
  if ((nb == 0 || buffer[nb - 1] == '\n') && ne < buffer.size() &&
      buffer[ne] == '\n') {
    b = nb;
    e = ne + 1;
  }
  SourceLocation start = range.getBegin().getLocWithOffset(b - sm.getFileOffset(range.getBegin()));
  return CharSourceRange::getCharRange(start, start.getLocWithOffset(e - b));
}

} // namespace

Verdict migrateFunction(ASTContext &ctx, FunctionDecl *fn, Rewriter &rw) {
  Verdict v;
  auto *body = dyn_cast_or_null<CompoundStmt>(fn->getBody());
  if (!body || body->size() == 0)
    return v;
  std::vector<Stmt *> stmts(body->body_begin(), body->body_end());
  // The last label of the outermost block, and what follows it.
  int k = -1;
  for (unsigned i = 0; i < stmts.size(); i++)
    if (isa<LabelStmt>(stmts[i]))
      k = i;
  if (k < 0)
    return v;
  auto *label = cast<LabelStmt>(stmts[k]);
  std::vector<const Stmt *> tail = {label->getSubStmt()};
  tail.insert(tail.end(), stmts.begin() + k + 1, stmts.end());
  const ReturnStmt *final = dyn_cast<ReturnStmt>(tail.back());
  if (final)
    tail.pop_back();

  std::vector<Release> rels;
  std::string refusal;
  auto refuse = [&](const std::string &why) {
    if (refusal.empty())
      refusal = why;
  };
  for (const Stmt *s : tail) {
    Release r;
    std::string why;
    if (asRelease(ctx, s, r, why))
      rels.push_back(r);
    else if (!why.empty()) {
      v.candidate = true;
      refuse(why);
    } else if (!isa<NullStmt>(s))
      refuse("the exit path does more than release resources (line " +
             lineOf(ctx, s) + ")");
  }
  if (rels.empty() && !v.candidate)
    return v;
  v.candidate = true;
  v.label = label->getName();
  v.line = ctx.getSourceManager().getPresumedLineNumber(label->getBeginLoc());

  Uses uses;
  uses.TraverseStmt(body);
  // Where each released variable is declared, in the outermost block.
  std::vector<int> declaredAt;
  std::set<const VarDecl *> released;
  for (const Release &r : rels) {
    std::string n = "'" + r.var->getName().str() + "'";
    if (!released.insert(r.var).second)
      refuse(n + " is released twice");
    int at = -1;
    for (int i = 0; i < k; i++)
      if (auto *ds = dyn_cast<DeclStmt>(stmts[i]))
        if (ds->isSingleDecl() && ds->getSingleDecl() == r.var)
          at = i;
    declaredAt.push_back(at);
    const Expr *init = r.var->getInit();
    bool nothingToRelease =
        init && (r.guard == Guard::nonnegative
                     ? init->getIntegerConstantExpr(ctx) &&
                           init->getIntegerConstantExpr(ctx)->isNegative()
                     : init->isNullPointerConstant(
                           ctx, Expr::NPC_ValueDependentIsNotNull));
    if (at < 0 || !r.var->hasLocalStorage() || isa<ParmVarDecl>(r.var))
      refuse(n + " is not declared alone in the function's outermost block");
    else if (!nothingToRelease)
      refuse(n + " is not initialised to a value its release ignores, so a "
                 "path that leaves before it is set would release it");
    if (r.guard == Guard::none && r.function != "free")
      refuse("'" + r.function + "' is not known to accept an unset " + n +
             ": guard it with 'if (" + r.var->getName().str() + ")'");
    if (uses.addressTaken.count(r.var))
      refuse("the address of " + n + " is taken, so what it holds at the "
             "label cannot be followed");
  }
  for (unsigned i = 1; i < rels.size(); i++)
    if (declaredAt[i] >= declaredAt[i - 1])
      refuse("the releases do not come newest declaration first, the order "
             "deferred blocks run in");
  if (uses.computedGoto || uses.labelAddress)
    refuse("the function has a computed goto");
  const SourceManager &sm = ctx.getSourceManager();
  int lastDecl = declaredAt.empty()
                     ? -1
                     : *std::max_element(declaredAt.begin(), declaredAt.end());
  for (const GotoStmt *g : uses.gotos) {
    if (g->getLabel() != label->getDecl()) {
      refuse("a goto to '" + g->getLabel()->getName().str() + "' (line " +
             lineOf(ctx, g) + ") is another way through the function");
      continue;
    }
    if (lastDecl >= 0 &&
        sm.isBeforeInTranslationUnit(g->getBeginLoc(),
                                     stmts[lastDecl]->getEndLoc()))
      refuse("a goto to '" + v.label + "' (line " + lineOf(ctx, g) +
             ") comes before a released variable is declared");
    if (statementRange(ctx, g).isInvalid())
      refuse("a goto to '" + v.label + "' is written inside a macro");
  }
  for (const ReturnStmt *r : uses.returns)
    if (r != final)
      refuse("a return at line " + lineOf(ctx, r) +
             " leaves without the exit path");
  // Every piece the edits move or remove must be written in the file.
  for (const Release &r : rels)
    if (statementRange(ctx, r.stmt).isInvalid())
      refuse("the release at line " + lineOf(ctx, r.stmt) +
             " is written inside a macro");
  for (int at : declaredAt)
    if (at >= 0 && statementRange(ctx, stmts[at]).isInvalid())
      refuse("a released variable's declaration is written inside a macro");
  if (!label->getBeginLoc().isFileID() ||
      statementRange(ctx, tail.back()).isInvalid())
    refuse("the exit path is written inside a macro");
  bool returnsVoid = fn->getReturnType()->isVoidType();
  std::string value;
  if (!returnsVoid) {
    const Expr *e = final ? final->getRetValue() : nullptr;
    const VarDecl *rv = varOf(e);
    if (!e)
      refuse("the exit path does not end with a return of a value");
    else if (rv ? (!rv->hasLocalStorage() || released.count(rv) ||
                   uses.addressTaken.count(rv))
                : !e->isEvaluatable(ctx))
      refuse("the value returned is not a constant or a local the releases "
             "cannot change");
    else
      value = Lexer::getSourceText(
                  Lexer::makeFileCharRange(
                      CharSourceRange::getTokenRange(e->getSourceRange()), sm,
                      ctx.getLangOpts()),
                  sm, ctx.getLangOpts())
                  .str();
  }
  if (!refusal.empty() || (!returnsVoid && value.empty())) {
    v.reason = refusal.empty() ? "the returned value has no text of its own"
                               : refusal;
    return v;
  }

  // The edits: a defer after each declaration, returns for the gotos, and
  // the exit path's label and releases gone.
  for (unsigned i = 0; i < rels.size(); i++) {
    const Stmt *decl = stmts[declaredAt[i]];
    SourceRange rel = statementRange(ctx, rels[i].stmt);
    std::string text = rw.getRewrittenText(rel);
    rw.InsertText(endOfLine(sm, decl->getEndLoc()),
                  "\n" + indentOf(sm, decl->getBeginLoc()) + "defer " + text);
  }
  std::string ret = returnsVoid ? "return;" : "return " + value + ";";
  for (const GotoStmt *g : uses.gotos)
    rw.ReplaceText(statementRange(ctx, g), ret);
  SourceRange path(label->getBeginLoc(),
                   statementRange(ctx, tail.back()).getEnd());
  rw.RemoveText(wholeLines(sm, path, ctx.getLangOpts()));
  v.converted = true;
  return v;
}

} // namespace defer_migrate
