// SPDX-License-Identifier: MIT
// Block-scoped `_Defer`, where Clang has no DeferStmt (Clang 19 and 21),
// and under Clang 22 where unwinding is on: Clang 22 emits a DeferStmt's
// statement twice, on the normal exits and as an unwinding cleanup, and
// the second copy reads the locals of the first (uninitialised) and
// breaks on a label (Clang crashes).  The plugin's `_Defer` parses as a
// marker loop around its statement (Scan.h), Clang 22's as a DeferStmt;
// each becomes a catch-all try around the rest of its block, with the
// statement after it, where every exit of that rest jumps with a code
// that says where it was going:
//
//   { A; _Defer X; B; }   ==>   { A; ;
//                                 try { B'; [__defer_exitK = 0;] }
//                                 catch (...) { X; go on unwinding }
//                                 __defer_runK: X;
//                                 [if (__defer_exitK == 1)] return __defer_sret;
//                                 [if (__defer_exitK == 2)] break; ... }
//
// B' is B with each exit that leaves it (a return, a break or continue of
// a loop or switch around, a goto to a label outside it) made
// `{ [__defer_sret = e;] [__defer_exitK = CODE;] goto __defer_runK; }`:
// the value is computed before X runs, for structures too, and X runs
// once on every way out, as the TS has it.  The code and the tests are
// left out where one way out is all there is; each path sets a constant,
// which LLVM follows to the right exit, as in Clang's own cleanups.
// Later `_Defer`s of a block and inner blocks are lowered first, so the
// exits of their tests are exits of the rest around them in turn.
//
// X is emitted twice, in the handler and after the try, with its locals
// moved to the function's outermost block (Hoist.cpp), unless it holds a
// label or a local that must stay where it is: then the handler keeps
// the exception and jumps to the one copy, whose tests resume it.
// Without unwinding support the try is a plain block.  A `_Defer` that
// is not a statement of a block, or the last of one, runs X at once.

#include "Lower.h"
#include "Runtime.h"

#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"

#include <map>

using namespace clang;

namespace defer_clang {
namespace {

// Where an exit of a `_Defer`'s pending part was going.
struct Target {
  enum Kind { ret, brk, cont, jump, unwind } kind;
  LabelDecl *label = nullptr;
  bool operator<(const Target &o) const {
    return kind != o.kind ? kind < o.kind : label < o.label;
  }
};

struct ExitSlot {
  Stmt **slot;
  Target target;
};

// The exits of a pending part that leave it: those of its statements
// whose target lies outside.  (The rules refuse a computed goto that may
// leave it: scoped.h.)
class ExitFinder {
public:
  void find(std::vector<Stmt *> &stmts, std::vector<ExitSlot> &out) {
    for (Stmt *s : stmts)
      collectLabels(s);
    for (Stmt *&s : stmts)
      walk(&s, 0, 0, out);
  }

private:
  llvm::SmallPtrSet<LabelDecl *, 8> inside;
  llvm::SmallPtrSet<Stmt *, 32> seen; // a statement run twice is one

  void collectLabels(Stmt *s) {
    if (!s)
      return;
    if (auto *l = dyn_cast<LabelStmt>(s))
      inside.insert(l->getDecl());
    for (Stmt *child : s->children())
      collectLabels(child);
  }

  void walk(Stmt **slot, unsigned loops, unsigned breakables,
            std::vector<ExitSlot> &out) {
    Stmt *s = *slot;
    if (!s || isa<BlockExpr>(s) || !seen.insert(s).second)
      return;
    if (isa<ReturnStmt>(s))
      out.push_back({slot, {Target::ret}});
    else if (isa<BreakStmt>(s) && !breakables)
      out.push_back({slot, {Target::brk}});
    else if (isa<ContinueStmt>(s) && !loops)
      out.push_back({slot, {Target::cont}});
    else if (auto *g = dyn_cast<GotoStmt>(s);
             g && !inside.count(g->getLabel()))
      out.push_back({slot, {Target::jump, g->getLabel()}});
    if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s)) {
      loops++;
      breakables++;
    } else if (isa<SwitchStmt>(s)) {
      breakables++;
    }
    for (Stmt *&child : s->children())
      walk(&child, loops, breakables, out);
  }
};

// Whether S must be emitted once: it holds a label or a local that
// cannot leave its place (Scan.h).
bool mustStayOneCopy(const Stmt *s) {
  if (!s)
    return false;
  if (isa<LabelStmt>(s))
    return true;
  if (auto *ds = dyn_cast<DeclStmt>(s))
    for (const Decl *d : ds->decls())
      if (auto *vd = dyn_cast<VarDecl>(d); vd && needsOneCopy(vd))
        return true;
  for (const Stmt *child : s->children())
    if (mustStayOneCopy(child))
      return true;
  return false;
}

// Whether control can fall off the end of STMTS.
bool mayFallThrough(const std::vector<Stmt *> &stmts) {
  if (stmts.empty())
    return true;
  const Stmt *last = stmts.back();
  return !(isa<ReturnStmt>(last) || isa<GotoStmt>(last) ||
           isa<BreakStmt>(last) || isa<ContinueStmt>(last));
}

// The slot of the marker that S is, through the labels before it.
Stmt **markerSlot(Stmt *&s) {
  Stmt **slot = labelledSlot(s);
  return isScopedDefer(*slot) ? slot : nullptr;
}

class Lowering {
public:
  Lowering(PluginState &state, Builder &b, Scan &scan, bool keepOutermost)
      : state(state), b(b), unwind(state.opts.unwind && !state.analysis) {
    if (keepOutermost)
      for (auto &[pos, slot] : scan.outermostDefers)
        kept.insert(*slot);
  }

  void run() {
    Stmt *body = b.fn->getBody();
    lower(body);
    auto *cs = cast<CompoundStmt>(body);
    std::vector<Stmt *> stmts = decls;
    stmts.insert(stmts.end(), cs->body_begin(), cs->body_end());
    b.fn->setBody(CompoundStmt::Create(b.ctx, stmts, FPOptionsOverride(),
                                       cs->getLBracLoc(), cs->getRBracLoc()));
  }

private:
  PluginState &state;
  Builder &b;
  bool unwind;
  llvm::SmallPtrSet<Stmt *, 4> kept;
  std::vector<Stmt *> decls; // for the function's outermost block
  VarDecl *sret = nullptr;
  unsigned count = 0;

  VarDecl *topLocal(const std::string &name, QualType t) {
    VarDecl *vd = b.local(name, t);
    decls.push_back(b.declare(vd));
    return vd;
  }

  // Inner statements first; then a block's own `_Defer`s.
  void lower(Stmt *&s) {
    if (!s || isa<BlockExpr>(s))
      return;
    if (auto *se = dyn_cast<StmtExpr>(s)) {
      Stmt *sub = se->getSubStmt();
      for (Stmt *&child : sub->children())
        lower(child);
      lowerBlock(sub, se->getType());
      se->setSubStmt(cast<CompoundStmt>(sub));
      return;
    }
    for (Stmt *&child : s->children())
      lower(child);
    if (isa<CompoundStmt>(s)) {
      lowerBlock(s, QualType());
      return;
    }
    // A `_Defer` that is not a statement of a block ends its block at once.
    if (isa<LabelStmt>(s) || isa<SwitchCase>(s))
      return;
    for (Stmt *&child : s->children())
      if (Stmt **m = child ? markerSlot(child) : nullptr)
        *m = scopedDeferBody(*m);
  }

  // A block, the value of a statement expression of type VALUE if not null.
  void lowerBlock(Stmt *&s, QualType value) {
    auto *cs = cast<CompoundStmt>(s);
    std::vector<Stmt *> stmts(cs->body_begin(), cs->body_end());
    bool any = false;
    for (Stmt *&st : stmts)
      if (Stmt **m = markerSlot(st); m && !kept.count(*m))
        any = true;
    if (!any)
      return;
    Stmt **last = stmts.empty() ? nullptr : labelledSlot(stmts.back());
    if (value.isNull() || value->isVoidType() || !last || !isa<Expr>(*last)) {
      stmts = split(stmts, 0);
    } else {
      // The statement expression's value, computed before the `_Defer`s run.
      auto *e = cast<Expr>(*last);
      Builder at = b.at(e->getBeginLoc());
      VarDecl *v = topLocal("__defer_value" + std::to_string(count++),
                            value.getUnqualifiedType());
      *last = at.assign(at.ref(v), e);
      stmts = split(stmts, 0);
      stmts.push_back(at.rvalue(at.ref(v)));
    }
    s = CompoundStmt::Create(b.ctx, stmts, FPOptionsOverride(),
                             cs->getLBracLoc(), cs->getRBracLoc());
  }

  // STMTS from FROM on, with the first `_Defer` among them lowered.
  std::vector<Stmt *> split(std::vector<Stmt *> stmts, unsigned from) {
    for (unsigned i = from; i < stmts.size(); i++) {
      Stmt **m = markerSlot(stmts[i]);
      if (!m || kept.count(*m))
        continue;
      Stmt *marker = *m;
      std::vector<Stmt *> rest(stmts.begin() + i + 1, stmts.end());
      rest = split(rest, 0);
      stmts.resize(i + 1);
      Stmt *x = scopedDeferBody(marker);
      if (rest.empty()) {
        *m = x;
        return stmts;
      }
      *m = new (b.ctx) NullStmt(marker->getBeginLoc());
      std::vector<Stmt *> lowered = around(marker, x, rest);
      stmts.insert(stmts.end(), lowered.begin(), lowered.end());
      return stmts;
    }
    return stmts;
  }

  // The exit of the rest at SLOT, to TARGET with CODE.
  void redirect(Stmt **slot, VarDecl *exit, unsigned code, LabelDecl *run) {
    Builder at = b.at((*slot)->getBeginLoc());
    std::vector<Stmt *> out;
    if (auto *ret = dyn_cast<ReturnStmt>(*slot)) {
      if (Expr *e = ret->getRetValue()) {
        auto *already = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());
        if (!sret)
          out.push_back(e); // a void function's `return f ();`
        else if (!already || already->getDecl() != sret)
          out.push_back(at.assign(at.ref(sret), e));
      }
    }
    if (exit)
      out.push_back(at.assign(at.ref(exit), at.integer(b.ctx.IntTy, code)));
    out.push_back(new (b.ctx) GotoStmt(run, at.loc, at.loc));
    *slot = at.block(out);
  }

  // Where control goes after X for T.
  Stmt *resume(Builder &at, const Target &t, VarDecl *exn) {
    ASTContext &ctx = b.ctx;
    switch (t.kind) {
    case Target::ret:
      return ReturnStmt::Create(ctx, at.loc,
                                sret ? at.rvalue(at.ref(sret)) : nullptr,
                                nullptr);
    case Target::brk:
      return new (ctx) BreakStmt(at.loc);
    case Target::cont:
      return new (ctx) ContinueStmt(at.loc);
    case Target::jump:
      return new (ctx) GotoStmt(t.label, at.loc, at.loc);
    case Target::unwind:
      return resumeUnwinding(at, exn);
    }
    return nullptr;
  }

  // MARKER's statement X around the REST of its block.
  std::vector<Stmt *> around(Stmt *marker, Stmt *x, std::vector<Stmt *> rest) {
    ASTContext &ctx = b.ctx;
    unsigned k = count++;
    std::string n = std::to_string(k);
    Builder at = b.at(scopedDeferLocation(ctx.getSourceManager(), marker));
    std::vector<ExitSlot> exits;
    ExitFinder().find(rest, exits);
    QualType rt = b.fn->getReturnType();
    if (!sret && !rt->isVoidType())
      for (const ExitSlot &e : exits)
        if (e.target.kind == Target::ret) {
          sret = topLocal("__defer_sret", rt.getUnqualifiedType());
          break;
        }
    bool oneCopy = unwind && mustStayOneCopy(x);
    if (unwind && !oneCopy)
      hoistLocalsOf(b, x, decls);
    // The ways out, numbered; 0 is falling off the end.
    std::map<Target, unsigned> codes;
    for (const ExitSlot &e : exits)
      codes.emplace(e.target, 0);
    if (oneCopy)
      codes.emplace(Target{Target::unwind}, 0);
    bool fallsThrough = mayFallThrough(rest);
    unsigned ways = codes.size() + fallsThrough;
    unsigned next = 1;
    for (auto &[t, code] : codes)
      code = next++;
    VarDecl *exit =
        ways > 1 ? topLocal("__defer_exit" + n, ctx.IntTy) : nullptr;
    VarDecl *exn =
        oneCopy ? topLocal("__defer_exn" + n, ctx.VoidPtrTy) : nullptr;
    LabelDecl *run = at.label("__defer_run" + n);
    for (const ExitSlot &e : exits)
      redirect(e.slot, exit, codes[e.target], run);
    if (exit && fallsThrough)
      rest.push_back(at.assign(at.ref(exit), at.integer(ctx.IntTy, 0)));
    std::vector<Stmt *> out;
    Stmt *pending = at.block(rest, rest.back()->getEndLoc());
    if (!unwind) {
      out.push_back(pending);
    } else if (oneCopy) {
      std::vector<Stmt *> handler = keepUnwinding(state, at, exn);
      handler.push_back(at.assign(
          at.ref(exit),
          at.integer(ctx.IntTy, codes[Target{Target::unwind}])));
      handler.push_back(new (ctx) GotoStmt(run, at.loc, at.loc));
      out.push_back(catchAll(at, pending, at.block(handler)));
    } else {
      out.push_back(catchAll(
          at, pending, at.block(scopedHandler(state, at, x, "__defer_exn" + n))));
    }
    out.push_back(at.labelled(run, x));
    for (auto &[t, code] : codes) {
      Stmt *go = resume(at, t, exn);
      out.push_back(ways > 1 ? at.ifThen(at.binary(BO_EQ,
                                                   at.rvalue(at.ref(exit)),
                                                   at.integer(ctx.IntTy, code)),
                                         go)
                             : go);
    }
    return out;
  }
};

} // namespace

void lowerScopedDefers(PluginState &state, Builder &b, Scan &scan,
                       bool keepOutermost) {
  Lowering(state, b, scan, keepOutermost).run();
}

} // namespace defer_clang
