// SPDX-License-Identifier: MIT
// Block-scoped `_Defer` as plain C (ScopedDefer.h).  The rest of the
// block after a `_Defer` moves into braces of its own; each jump out of
// them notes which way it left and goes to the deferred statement,
// written once after them, which then leaves that way:
//
//   {                            {
//     A;                           A;
//     _Defer X;                    { int __defer_exit1 = 0; {
//     B;                   ==>       B;
//     if (c) break;                  if (c) { __defer_exit1 = 1; goto __defer_run1; }
//     C;                             C;
//   }                              } __defer_run1:; { X }
//                                  if (__defer_exit1 == 1) break;
//                                  } }
//
// Not a switch: its `break` would bind to it.  A jump out of several
// such blocks goes through their statements, innermost first.  A
// `return` stores its value first, so the statements cannot change it.
// A `_Defer` that is not a statement of a block is that block: its
// statement runs at once.  Beside Go-style `defer`, the `_Defer`s of the
// function's outermost block run on the exit path after the Go-style
// blocks, newest first, each under a flag set where it stood.

#include "ScopedDefer.h"
#include "FunctionText.h"
#include "TextRanges.h"

#include "DeferPlugin.h"
#include "Scan.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>

using namespace clang;

namespace defer_lower {
namespace {

// A `_Defer` that is a statement of BLOCK: the rest of BLOCK is its
// region, which a jump may leave.
struct Region {
  DeferStmt *ds;
  CompoundStmt *block;
  Expr *value = nullptr; // a statement expression's value, in the region
  // Each way out by a jump: its number, and the region whose statement
  // runs next or, after the last one, the jump that ends it.
  struct Exit {
    unsigned way;
    int next;
    std::string last;
  };
  std::vector<Exit> exits;
};

struct Jump {
  Stmt *s;                    // break, continue, goto or return
  std::vector<unsigned> left; // the regions it leaves, innermost first
};

// One walk of the body in source order: the regions, the jumps out of
// them, and the other `_Defer`s.
class Walker {
public:
  Walker(CompoundStmt *body, bool flagOutermost)
      : body(body), flagOutermost(flagOutermost) {}

  std::vector<Region> regions;
  std::vector<DeferStmt *> immediate; // not statements of a block
  std::vector<DeferStmt *> flagged;   // outermost, beside Go-style defer
  std::vector<Jump> jumps;
  std::vector<Stmt *> computedGotos; // inside a region
  // Beside Go-style defer: outermost variables with a cleanup attribute
  // declared after an outermost `_Defer`.
  std::vector<VarDecl *> lateCleanups;

  void run() {
    walk(body);
    for (auto &[gs, from] : gotos) {
      const std::vector<unsigned> &to = labels[gs->getLabel()];
      size_t common = 0;
      while (common < from.size() && common < to.size() &&
             from[common] == to[common])
        common++;
      if (from.size() > common)
        jumps.push_back(
            {gs, std::vector<unsigned>(from.rbegin(),
                                       from.rbegin() + (from.size() - common))});
    }
  }

private:
  struct Target {
    bool loop;    // else a switch
    size_t depth; // regions open around it
  };
  CompoundStmt *body;
  bool flagOutermost;
  std::vector<unsigned> open;
  std::vector<Target> targets;
  std::map<const LabelDecl *, std::vector<unsigned>> labels;
  std::vector<std::pair<GotoStmt *, std::vector<unsigned>>> gotos;

  void jump(Stmt *s, size_t depth) {
    if (open.size() > depth)
      jumps.push_back({s, std::vector<unsigned>(
                              open.rbegin(),
                              open.rbegin() + (open.size() - depth))});
  }

  void inside(Stmt *s, bool loop) {
    targets.push_back({loop, open.size()});
    walk(s);
    targets.pop_back();
  }

  // A deferred statement: no jump leaves it, so nothing around counts.
  void deferred(DeferStmt *ds) {
    std::vector<unsigned> savedOpen;
    std::vector<Target> savedTargets;
    savedOpen.swap(open);
    savedTargets.swap(targets);
    walk(ds->getBody());
    open.swap(savedOpen);
    targets.swap(savedTargets);
  }

  void block(CompoundStmt *cs, bool valued) {
    size_t depth = open.size();
    Expr *value = valued && !cs->body_empty()
                      ? dyn_cast<Expr>(cs->body_back())
                      : nullptr;
    if (value && value->getType()->isVoidType())
      value = nullptr;
    for (Stmt *c : cs->body()) {
      Stmt *inner = c;
      while (true) {
        if (auto *ls = dyn_cast<LabelStmt>(inner)) {
          labels[ls->getDecl()] = open;
          inner = ls->getSubStmt();
        } else if (auto *sc = dyn_cast<SwitchCase>(inner)) {
          inner = sc->getSubStmt();
        } else {
          break;
        }
      }
      auto *ds = dyn_cast<DeferStmt>(inner);
      if (!ds) {
        if (auto *decls = dyn_cast<DeclStmt>(inner);
            decls && flagOutermost && cs == body && !flagged.empty())
          for (Decl *d : decls->decls())
            if (auto *vd = dyn_cast<VarDecl>(d); vd && vd->hasAttr<CleanupAttr>())
              lateCleanups.push_back(vd);
        walk(c);
        continue;
      }
      if (flagOutermost && cs == body) {
        flagged.push_back(ds);
        deferred(ds);
        continue;
      }
      Region r{ds, cs};
      // The first region of a statement expression holds its value.
      if (open.size() == depth)
        r.value = value;
      regions.push_back(r);
      unsigned index = regions.size() - 1;
      deferred(ds);
      open.push_back(index);
    }
    open.resize(depth);
  }

  void walk(Stmt *s) {
    if (!s)
      return;
    if (auto *cs = dyn_cast<CompoundStmt>(s))
      return block(cs, false);
    if (auto *se = dyn_cast<StmtExpr>(s))
      return block(se->getSubStmt(), true);
    if (auto *ds = dyn_cast<DeferStmt>(s)) {
      immediate.push_back(ds);
      return deferred(ds);
    }
    if (auto *ls = dyn_cast<LabelStmt>(s)) {
      labels[ls->getDecl()] = open;
      return walk(ls->getSubStmt());
    }
    if (auto *fs = dyn_cast<ForStmt>(s)) {
      walk(fs->getInit());
      walk(fs->getCond());
      walk(fs->getInc());
      return inside(fs->getBody(), true);
    }
    if (auto *ws = dyn_cast<WhileStmt>(s)) {
      walk(ws->getCond());
      return inside(ws->getBody(), true);
    }
    if (auto *ds = dyn_cast<DoStmt>(s)) {
      inside(ds->getBody(), true);
      return walk(ds->getCond());
    }
    if (auto *ss = dyn_cast<SwitchStmt>(s)) {
      walk(ss->getInit());
      walk(ss->getCond());
      return inside(ss->getBody(), false);
    }
    if (isa<BreakStmt>(s) || isa<ContinueStmt>(s)) {
      for (auto t = targets.rbegin(); t != targets.rend(); ++t)
        if (t->loop || isa<BreakStmt>(s))
          return jump(s, t->depth);
      return;
    }
    if (auto *rs = dyn_cast<ReturnStmt>(s)) {
      walk(rs->getRetValue());
      return jump(s, 0);
    }
    if (auto *gs = dyn_cast<GotoStmt>(s)) {
      gotos.push_back({gs, open});
      return;
    }
    if (isa<IndirectGotoStmt>(s) && !open.empty())
      computedGotos.push_back(s);
    for (Stmt *c : s->children())
      walk(c);
  }
};

std::string exitVar(unsigned r) {
  return "__defer_exit" + std::to_string(r + 1);
}
std::string runLabel(unsigned r) {
  return "__defer_run" + std::to_string(r + 1);
}
std::string valueVar(unsigned r) {
  return "__defer_value" + std::to_string(r + 1);
}
std::string flagVar(unsigned f) { return "__defer_on" + std::to_string(f + 1); }


// The lowering of one function's `_Defer`s.
class Lowering {
public:
  Lowering(ASTContext &ctx, Rewriter &rw, FunctionDecl *fn, bool goStyle)
      : ctx(ctx), rw(rw), fn(fn), goStyle(goStyle),
        w(cast<CompoundStmt>(fn->getBody()), goStyle) {}

  bool run(ScopedDefers &out) {
    w.run();
    for (Stmt *s : w.computedGotos)
      fail(s->getBeginLoc(), "a computed 'goto' leaves a block with a "
                             "'_Defer', whose statement it would skip");
    // Their cleanups run as the function returns, after every `_Defer`
    // on the exit path, where these should run before the older ones.
    for (VarDecl *vd : w.lateCleanups)
      fail(vd->getLocation(),
           "the cleanup of '" + vd->getName().str() +
               "' would run after the '_Defer's of the outermost block "
               "before it, not before them: declare it before the first "
               "of them");
    for (DeferStmt *ds : w.immediate)
      atOnce(ds);
    if (!ok)
      return false;
    exits(out);
    values(out);
    // Newest first, so that a statement's text has the edits of the
    // `_Defer`s inside it when it moves, and the closings of one block
    // come innermost first.
    std::vector<std::pair<unsigned, DeferStmt *>> all;
    for (DeferStmt *ds : w.flagged)
      all.push_back({offset(ds), ds});
    for (const Region &r : w.regions)
      all.push_back({offset(r.ds), r.ds});
    std::sort(all.begin(), all.end(),
              [](const auto &x, const auto &y) { return x.first > y.first; });
    for (auto &[at, ds] : all) {
      auto f = std::find(w.flagged.begin(), w.flagged.end(), ds);
      if (f != w.flagged.end())
        flag(f - w.flagged.begin(), out);
      else
        region(regionOf(ds));
      if (!ok)
        return false;
    }
    return ok;
  }

private:
  ASTContext &ctx;
  Rewriter &rw;
  FunctionDecl *fn;
  bool goStyle;
  Walker w;
  bool ok = true;

  void fail(SourceLocation loc, const std::string &what) {
    defer_clang::error(ctx, loc, "cannot lower to plain C: " + what);
    ok = false;
  }

  unsigned offset(DeferStmt *ds) {
    return ctx.getSourceManager().getFileOffset(
        ctx.getSourceManager().getExpansionLoc(ds->getDeferLoc()));
  }

  unsigned regionOf(DeferStmt *ds) {
    for (unsigned i = 0; i < w.regions.size(); i++)
      if (w.regions[i].ds == ds)
        return i;
    return 0;
  }

  bool returnsVoid() const { return fn->getReturnType()->isVoidType(); }

  // What ends a way out once the last statement on it has run.
  std::string finalJump(Stmt *s) {
    if (isa<BreakStmt>(s))
      return "break;";
    if (isa<ContinueStmt>(s))
      return "continue;";
    if (auto *gs = dyn_cast<GotoStmt>(s))
      return "goto " + gs->getLabel()->getName().str() + ";";
    if (goStyle)
      return "goto __defer_done;";
    return returnsVoid() ? "return;" : "return __defer_rv;";
  }

  // Each jump out of regions goes to the innermost one's statement; each
  // statement then goes on to the next, or jumps as the jump did.
  void exits(ScopedDefers &out) {
    bool storesValue = false;
    for (unsigned j = 0; j < w.jumps.size(); j++) {
      const Jump &jump = w.jumps[j];
      unsigned way = j + 1;
      const std::vector<unsigned> &left = jump.left;
      for (unsigned i = 0; i < left.size(); i++)
        w.regions[left[i]].exits.push_back(
            {way, i + 1 < left.size() ? int(left[i + 1]) : -1,
             i + 1 < left.size() ? "" : finalJump(jump.s)});
    }
    for (unsigned j = 0; j < w.jumps.size(); j++) {
      const Jump &jump = w.jumps[j];
      std::string leave = leaveFor(jump.left[0], j + 1);
      if (auto *ret = dyn_cast<ReturnStmt>(jump.s)) {
        if (goStyle) {
          out.leave[ret] = leave;
        } else {
          storesValue |= ret->getRetValue() && !returnsVoid();
          if (!redirectReturn(ctx, rw, ret, returnsVoid(), leave))
            fail(ret->getReturnLoc(), "this 'return' is written inside a macro");
        }
        continue;
      }
      SourceRange r = statementRange(ctx, jump.s);
      if (r.isInvalid()) {
        fail(jump.s->getBeginLoc(), "this jump is written inside a macro");
        continue;
      }
      rw.ReplaceText(r, "{ " + leave + " }");
    }
    if (storesValue)
      out.top += declaration(ctx, fn->getReturnType().getUnqualifiedType(),
                             "__defer_rv") +
                 "; ";
  }

  // A statement expression's value, kept while the statements run.
  void values(ScopedDefers &out) {
    for (unsigned i = 0; i < w.regions.size(); i++) {
      Expr *e = w.regions[i].value;
      if (!e)
        continue;
      SourceRange r = statementRange(ctx, e);
      if (r.isInvalid()) {
        fail(e->getBeginLoc(), "the value of this statement expression is "
                               "written inside a macro");
        continue;
      }
      QualType t = e->getType().getUnqualifiedType();
      if (const TagDecl *tag = t->getAsTagDecl();
          tag && (!tag->getIdentifier() ||
                  tag->getDeclContext()->isFunctionOrMethod())) {
        fail(e->getBeginLoc(), "the type of this statement expression's "
                               "value is declared inside the function or "
                               "has no name");
        continue;
      }
      out.top += declaration(ctx, t, valueVar(i)) + "; ";
      rw.InsertTextBefore(r.getBegin(), valueVar(i) + " = (");
      rw.InsertTextBefore(r.getEnd(), ")");
    }
  }

  // `if (c) _Defer X;`: X alone.
  void atOnce(DeferStmt *ds) {
    CharSourceRange kw = tokenInFile(ctx, ds->getDeferLoc());
    if (kw.isInvalid())
      return fail(ds->getDeferLoc(), "this '_Defer' is written inside a macro");
    rw.RemoveText(kw);
  }

  // The `_Defer` from its keyword to the end of its statement, and the
  // statement's text with the edits inside it.
  bool pieces(DeferStmt *ds, SourceRange &whole, std::string &statement,
              unsigned &lines) {
    CharSourceRange kw = tokenInFile(ctx, ds->getDeferLoc());
    SourceRange body = statementRange(ctx, ds->getBody());
    if (kw.isInvalid() || body.isInvalid()) {
      fail(ds->getDeferLoc(), "this '_Defer' is written inside a macro");
      return false;
    }
    whole = SourceRange(kw.getBegin(), body.getEnd());
    statement = "\n" + lineDirective(ctx, body.getBegin()) + rw.getRewrittenText(body);
    StringRef original =
        Lexer::getSourceText(CharSourceRange::getTokenRange(whole),
                             ctx.getSourceManager(), ctx.getLangOpts());
    lines = std::count(original.begin(), original.end(), '\n');
    return true;
  }

  // After region I's statement: the ways out that go on alike, each
  // group under a test of their numbers; the last one without, where the
  // rest of the block ends in a jump and so cannot fall into the
  // statement (no "control reaches end of non-void function" after a
  // final return).
  struct Group {
    std::string test;
    int next;
    unsigned way;
    std::string last;
  };
  std::vector<Group> groups(unsigned i) {
    std::vector<Group> gs;
    for (const Region::Exit &e : w.regions[i].exits) {
      std::string test = exitVar(i) + " == " + std::to_string(e.way);
      auto g = std::find_if(gs.begin(), gs.end(), [&](const Group &x) {
        return e.next < 0 && x.next < 0 && x.last == e.last;
      });
      if (g == gs.end())
        gs.push_back({test, e.next, e.way, e.last});
      else
        g->test += " || " + test;
    }
    return gs;
  }

  // Whether the way out must be noted: more than one way goes on from
  // region I's statement, or the rest of its block can fall into it.
  bool notesWay(unsigned i) {
    return !w.regions[i].exits.empty() &&
           (groups(i).size() > 1 || !endsInJump(i));
  }

  std::string leaveFor(unsigned region, unsigned way) {
    return (notesWay(region)
                ? exitVar(region) + " = " + std::to_string(way) + "; "
                : std::string()) +
           "goto " + runLabel(region) + ";";
  }

  std::string dispatch(unsigned i) {
    std::vector<Group> gs = groups(i);
    std::string text;
    for (unsigned g = 0; g < gs.size(); g++) {
      std::string then = gs[g].next < 0
                             ? gs[g].last
                             : "{ " + leaveFor(gs[g].next, gs[g].way) + " }";
      text += (g + 1 == gs.size() && !notesWay(i)
                   ? then
                   : "if (" + gs[g].test + ") " + then) +
              "\n";
    }
    return text;
  }

  bool endsInJump(unsigned i) {
    Stmt *last =
        defer_clang::labelledStatement(w.regions[i].block->body_back());
    for (const Jump &j : w.jumps)
      if (j.s == last)
        return std::find(j.left.begin(), j.left.end(), i) != j.left.end();
    return false;
  }

  void flag(unsigned f, ScopedDefers &out) {
    SourceRange whole;
    std::string statement;
    unsigned lines;
    if (!pieces(w.flagged[f], whole, statement, lines))
      return;
    rw.ReplaceText(whole, flagVar(f) + " = 1;" + std::string(lines, '\n'));
    out.top += "int " + flagVar(f) + " = 0; ";
    out.finally += "  if (" + flagVar(f) + ") {" + statement + "\n  }\n";
  }

  void region(unsigned i) {
    const Region &r = w.regions[i];
    SourceRange whole;
    std::string statement;
    unsigned lines;
    if (!pieces(r.ds, whole, statement, lines))
      return;
    SourceLocation end = r.block->getRBracLoc();
    if (!end.isFileID())
      return fail(r.ds->getDeferLoc(),
                  "the block of this '_Defer' ends inside a macro");
    // Without jumps out, the rest and the statement follow each other.
    bool jumps = !r.exits.empty();
    std::string open = !jumps        ? "{"
                       : notesWay(i) ? "{ int " + exitVar(i) + " = 0; {"
                                     : "{ {";
    rw.ReplaceText(whole, open + std::string(lines, '\n'));
    std::string text = "\n} ";
    if (jumps)
      text += runLabel(i) + ":;";
    text += " {" + statement + "\n}\n";
    text += dispatch(i);
    if (jumps)
      text += "}";
    if (r.value)
      text += " " + valueVar(i) + ";";
    text += "\n" + lineDirective(ctx, end);
    rw.InsertText(end, text, /*InsertAfter=*/true);
  }
};

} // namespace

bool redirectReturn(ASTContext &ctx, Rewriter &rw, ReturnStmt *ret,
                    bool returnsVoid, const std::string &jump) {
  SourceLocation kw = ret->getReturnLoc();
  SourceLocation semi = statementEnd(ctx, ret);
  if (!kw.isFileID() || semi.isInvalid())
    return false;
  std::string open = !ret->getRetValue() ? "{ (void) (0"
                     : returnsVoid       ? "{ (void) ("
                                         : "{ __defer_rv = (";
  rw.ReplaceText(kw, 6, open);
  rw.ReplaceText(semi, 1, "); " + jump + " }");
  return true;
}

bool lowerScopedDefers(ASTContext &ctx, Rewriter &rw, FunctionDecl *fn,
                       ScopedDefers &out) {
  return Lowering(ctx, rw, fn, true).run(out);
}

bool lowerScopedFunction(ASTContext &ctx, Rewriter &rw, FunctionDecl *fn) {
  if (unwindsHere(fn->getBody()))
    defer_clang::warning(
        ctx, fn->getLocation(),
        "the _Defer statements of '" + fn->getName().str() +
            "' do not run when a panic or pthread_exit unwinds it in plain "
            "C: compile it with the defer plugin for that "
            "[defer-lower-unwind]");
  ScopedDefers out;
  if (!Lowering(ctx, rw, fn, false).run(out))
    return false;
  if (!out.top.empty())
    rw.InsertTextAfterToken(cast<CompoundStmt>(fn->getBody())->getLBracLoc(),
                            " " + out.top);
  return true;
}

} // namespace defer_lower
