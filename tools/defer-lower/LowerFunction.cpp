// SPDX-License-Identifier: MIT
// One function's text, lowered as the plugin's plan says (docs/REFERENCE.md,
// "Lowering"), in plain C:
//
//   open-coded                        run-time records
//   unsigned long long __defer_mask;  struct __defer_frame __defer_fr;
//   defer X;  -> mask |= bit;         defer X; -> push a record of the
//                                     site and its copies (libdefer)
//   return e; -> { __defer_rv = (e); goto __defer_done; }
//   __defer_done:;                    __defer_done:;
//   if (mask & bit) { X }, newest     pop the records, newest first, and
//   first                             run X with the record's copies
//   return __defer_rv;                release the pool; return __defer_rv;
//
// Locals of inner blocks that blocks name move to the outermost block
// (Hoisting.cpp).  Nothing runs the blocks when the function is unwound:
// a warning says so where the function can see it happen.

#include "LowerFunction.h"
#include "ScopedDefer.h"
#include "TextRanges.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include "analysis.h"
#include "plan.h"

#include <algorithm>
#include <sstream>

using namespace clang;

namespace defer_lower {

// --- FunctionText ----------------------------------------------------------

namespace {
class ReferenceCollector : public RecursiveASTVisitor<ReferenceCollector> {
public:
  References refs;
  bool VisitDeclRefExpr(DeclRefExpr *ref) {
    if (auto *vd = dyn_cast<VarDecl>(ref->getDecl()))
      refs[vd].push_back(ref);
    return true;
  }
};
} // namespace

namespace {
class UnwindFinder : public RecursiveASTVisitor<UnwindFinder> {
public:
  bool found = false;
  bool VisitCallExpr(CallExpr *call) {
    if (const FunctionDecl *callee = call->getDirectCallee()) {
      StringRef n = callee->getName();
      found |= n == "__defer_panic" || n == "__defer_panicf" ||
               n == "pthread_exit" || n == "pthread_cancel";
    }
    return true;
  }
};

} // namespace

bool unwindsHere(Stmt *s) {
  UnwindFinder finder;
  finder.TraverseStmt(s);
  return finder.found;
}

References collectReferences(Stmt *s) {
  ReferenceCollector c;
  c.TraverseStmt(s);
  return c.refs;
}

void FunctionText::fail(SourceLocation loc, const std::string &what) {
  defer_clang::error(ctx, loc, "cannot lower to plain C: " + what);
  ok = false;
}

void FunctionText::replaceToken(SourceLocation loc, const std::string &text,
                                const std::string &what) {
  CharSourceRange r = tokenInFile(ctx, loc);
  if (r.isInvalid())
    return fail(loc, what);
  if (!replaced.insert(r.getBegin().getRawEncoding()).second)
    return;
  rw.ReplaceText(r.getAsRange(), text);
}

std::string FunctionText::text(SourceRange range) const {
  return rw.getRewrittenText(range);
}

bool FunctionText::copiedBy(unsigned site, int var) const {
  const std::vector<int> &c = a.sites[site].copies;
  return std::find(c.begin(), c.end(), var) != c.end();
}

// Tags and typedefs of the function's own blocks are not seen at its top.
bool FunctionText::typeWritableAtTop(const VarDecl *vd) {
  QualType t = vd->getType();
  while (true) {
    if (const TypedefType *td = t->getAs<TypedefType>())
      if (td->getDecl()->getDeclContext()->isFunctionOrMethod())
        break;
    t = t.getCanonicalType();
    if (const ArrayType *at = ctx.getAsArrayType(t)) {
      t = at->getElementType();
      continue;
    }
    if (const PointerType *pt = t->getAs<PointerType>()) {
      t = pt->getPointeeType();
      continue;
    }
    const TagDecl *tag = t->getAsTagDecl();
    if (!tag || (tag->getIdentifier() &&
                 !tag->getDeclContext()->isFunctionOrMethod()))
      return true;
    break;
  }
  fail(vd->getLocation(),
       "the type of '" + vd->getName().str() +
           "' is declared inside the function or has no name, and the "
           "lowered function declares a copy of it at its top: give the "
           "type a tag or typedef at file scope");
  return false;
}

namespace {

bool records(const FunctionText &ft) {
  return ft.p.lowering == defer_rules::Lowering::runtime_records;
}

std::string recordType(unsigned site) {
  return "struct __defer_rec" + std::to_string(site);
}

std::string bit(unsigned site) {
  std::ostringstream os;
  os << "0x" << std::hex << (1ull << site) << "ull";
  return os.str();
}

// --- the plan's inputs, as the plugin gives them ---------------------------

using defer_clang::copyExtents;
using defer_clang::extentOf;

// Plain C has no unwinding path, no union records (the text declares one
// record type per site) and emits each block once.
defer_rules::Host plainC(ASTContext &ctx) {
  defer_rules::Host host;
  host.unwind = false;
  host.blocks_emitted_twice = false;
  host.union_records = false;
  host.pointer_size = ctx.getTypeSize(ctx.VoidPtrTy) / ctx.getCharWidth();
  return host;
}

// --- unwinding ---------------------------------------------------------------

// Where the function itself panics, exits its thread or recovers, the
// lowered code behaves differently: say so at the function.
void warnUnwinding(FunctionText &ft, FunctionDecl *fn) {
  std::string name = "'" + fn->getName().str() + "'";
  if (ft.scan.model.recovers)
    defer_clang::warning(
        ft.ctx, fn->getLocation(),
        "defer_recover () in the deferred blocks of " + name +
            " always returns a null pointer in plain C: no panic runs them "
            "[defer-lower-unwind]");
  else if (unwindsHere(fn->getBody()))
    defer_clang::warning(
        ft.ctx, fn->getLocation(),
        "the deferred blocks of " + name +
            " do not run when a panic or pthread_exit unwinds it in plain C: "
            "compile it with the defer plugin for that [defer-lower-unwind]");
}

// --- the edits ---------------------------------------------------------------

// A site's block reads and writes the copies in its record.
void useCopies(FunctionText &ft) {
  for (unsigned i = 0; i < ft.scan.sites.size(); i++) {
    References refs = collectReferences(ft.scan.sites[i].marker->getBody());
    for (int v : ft.a.sites[i].copies) {
      const VarDecl *vd = ft.scan.vars[v];
      std::string field = "((" + recordType(i) + " *) __defer_p)->" +
                          vd->getName().str();
      std::string use =
          vd->getType()->isVariablyModifiedType()
              ? "((" + declaration(ft.ctx, vd->getType(), "") + ") " + field +
                    ")"
              : "(" + field + ")";
      for (DeclRefExpr *ref : refs[vd])
        ft.replaceToken(ref->getLocation(), use,
                        "'" + vd->getName().str() +
                            "' is named inside a macro's definition");
    }
  }
}

void useResult(FunctionText &ft) {
  for (DeclRefExpr *ref : ft.scan.resultRefs)
    ft.replaceToken(ref->getLocation(), "__defer_rv",
                    "'defer_result' is used inside a macro's definition");
}

// `return e;` -> `{ __defer_rv = (e); goto __defer_done; }`: the value is
// computed before the blocks run, which defer_result may then change.  A
// return out of blocks with `_Defer`s goes through their statements first.
void redirectReturns(FunctionText &ft, bool returnsVoid,
                     const ScopedDefers &scoped) {
  for (Stmt **slot : ft.scan.returns) {
    auto *ret = cast<ReturnStmt>(*slot);
    auto leave = scoped.leave.find(ret);
    if (!redirectReturn(ft.ctx, ft.rw, ret, returnsVoid,
                        leave == scoped.leave.end() ? "goto __defer_done;"
                                                    : leave->second))
      ft.fail(ret->getReturnLoc(), "this 'return' is written inside a macro");
  }
}

// What a `defer` becomes where it stands: its bit, or a record pushed.
std::string registration(FunctionText &ft, unsigned site) {
  if (!records(ft))
    return "__defer_mask |= " + bit(site) + ";";
  std::string r = "__defer_r" + std::to_string(site);
  std::string type = recordType(site);
  std::string text = "{ " + type + " *" + r + " = (" + type +
                     " *) __defer_lower_alloc (&__defer_fr, sizeof (" + type +
                     "), _Alignof (" + type + ")); ";
  for (int v : ft.a.sites[site].copies) {
    const VarDecl *vd = ft.scan.vars[v];
    std::string n = vd->getName().str();
    if (vd->getType()->isVariablyModifiedType())
      text += r + "->" + n + " = (void *) " + n + "; ";
    else
      text += "memcpy ((void *) &" + r + "->" + n + ", (const void *) &" + n +
              ", sizeof " + r + "->" + n + "); ";
  }
  text += r + "->h.site = " + std::to_string(site) + "; " + r +
          "->h.next = __defer_fr.top; __defer_fr.top = &" + r + "->h; }";
  return text;
}

// Each site's record: the header, then its copies (a pointer to a
// variable-length array as void *: its sizes are read when the block runs).
std::string recordTypes(FunctionText &ft) {
  std::string text;
  for (unsigned i = 0; i < ft.scan.sites.size(); i++) {
    text += "  " + recordType(i) + " { struct __defer_record h;";
    for (int v : ft.a.sites[i].copies) {
      const VarDecl *vd = ft.scan.vars[v];
      QualType t = vd->getType();
      t.removeLocalConst();
      std::string n = vd->getName().str();
      defer_rules::Extent e = extentOf(ft.ctx, vd);
      unsigned natural =
          t->isVariablyModifiedType()
              ? 1
              : ft.ctx.getTypeAlignInChars(t).getQuantity();
      if (e.align > natural)
        text += " _Alignas (" + std::to_string(e.align) + ")";
      text += " " + (t->isVariablyModifiedType() ? "void *" + n
                                                 : declaration(ft.ctx, t, n)) +
              ";";
    }
    text += " };\n";
  }
  return text;
}

// FINALLY: the outermost block's `_Defer`s (ScopedDefer.h), after the
// blocks.
std::string exitPath(FunctionText &ft, std::vector<std::string> blocks,
                     const std::string &finally, bool returnsVoid,
                     SourceLocation end) {
  for (unsigned i = 0; i < blocks.size(); i++)
    blocks[i] = "\n" +
                lineDirective(ft.ctx, statementRange(ft.ctx,
                                          ft.scan.sites[i].marker->getBody())
                               .getBegin()) +
                blocks[i];
  std::string text = "\n  goto __defer_done; /* falling off the end */\n"
                     "__defer_done:;\n";
  unsigned n = blocks.size();
  if (!records(ft)) {
    for (unsigned i = n; i-- > 0;)
      text += "  if (__defer_mask & " + bit(i) + ") {\n    " + blocks[i] +
              "\n  }\n";
  } else {
    text += "  while (__defer_fr.top) {\n"
            "    struct __defer_record *__defer_p = __defer_fr.top;\n"
            "    __defer_fr.top = __defer_p->next;\n"
            "    switch (__defer_p->site) {\n";
    for (unsigned i = 0; i < n; i++)
      text += "    case " + std::to_string(i) + ": {\n      " + blocks[i] +
              "\n    } break;\n";
    text += "    }\n  }\n"
            "  if (__defer_fr.mark_cur)\n"
            "    __libdefer_release (&__defer_fr);\n";
  }
  text += finally;
  text += returnsVoid ? "  return;\n" : "  return __defer_rv;\n";
  return text + lineDirective(ft.ctx, end);
}

// A return before the declaration of a variable with a cleanup or a
// variably modified type in the outermost block would jump into its scope
// when it goes to the blocks at the end.
void noJumpIntoScope(FunctionText &ft) {
  const defer_rules::Function &fn = ft.scan.model;
  for (unsigned v = 0; v < fn.vars.size(); v++) {
    const defer_rules::Variable &var = fn.vars[v];
    if (!var.outermost || !(var.has_cleanup || var.variably_modified))
      continue;
    for (const defer_rules::Exit &e : fn.exits)
      if (e.kind == defer_rules::Exit::return_stmt && e.site == defer_rules::none &&
          e.at < var.declared_at) {
        ft.fail(ft.scan.vars[v]->getLocation(),
                "a 'return' before the declaration of '" + var.name +
                    "', which has a " +
                    (var.has_cleanup ? "cleanup attribute"
                                     : "variably modified type") +
                    ", would jump into its scope to reach the deferred "
                    "blocks: declare it before the first 'return'");
        break;
      }
  }
}

bool sitesInFile(FunctionText &ft) {
  const SourceManager &sm = ft.ctx.getSourceManager();
  for (const defer_clang::SiteTrees &s : ft.scan.sites) {
    CharSourceRange kw = sm.getImmediateExpansionRange(s.marker->getBeginLoc());
    if (!kw.getBegin().isFileID() ||
        statementRange(ft.ctx, s.marker->getBody()).isInvalid())
      ft.fail(s.loc, "this 'defer' is written inside a macro");
  }
  return ft.ok;
}

} // namespace

bool lowerFunction(defer_clang::PluginState &state, ASTContext &ctx,
                   FunctionDecl *fn, Rewriter &rw, FileNeeds &needs) {
  defer_clang::Scan scan;
  defer_clang::scanFunction(ctx, fn, scan);
  const defer_rules::Function &model = scan.model;
  if (model.sites.empty() && model.results.empty())
    return !hasScopedDefer(fn) || lowerScopedFunction(ctx, rw, fn);
  defer_rules::Analysis a = defer_rules::analyse(model);
  defer_clang::giveDiagnostics(state, ctx, scan, a.diagnostics);
  if (defer_rules::has_errors(a.diagnostics))
    return false;
  if (model.sites.empty())
    return !hasScopedDefer(fn) || lowerScopedFunction(ctx, rw, fn);
  defer_rules::Plan p = defer_rules::make_plan(
      model, a, copyExtents(ctx, scan, a), plainC(ctx));
  defer_clang::giveDiagnostics(state, ctx, scan, p.diagnostics);
  if (defer_rules::has_errors(p.diagnostics))
    return false;

  FunctionText ft{ctx, rw, scan, a, p, needs};
  if (!sitesInFile(ft))
    return false;
  noJumpIntoScope(ft);
  if (records(ft))
    for (const defer_rules::SiteAnalysis &site : a.sites)
      for (int v : site.copies)
        if (!scan.vars[v]->getType()->isVariablyModifiedType())
          ft.typeWritableAtTop(scan.vars[v]);
  if (!ft.ok)
    return false;
  // libdefer tells the function's records in its pool by the function's
  // stack frame, which an inlined copy would share with its caller.
  if (p.own_stack_frame) {
    needs.noinline = true;
    SourceLocation start = fn->getBeginLoc();
    if (start.isFileID())
      rw.InsertTextBefore(start, "__DEFER_LOWER_NOINLINE ");
    else
      ft.fail(start, "this function's declaration starts inside a macro, "
                     "where its 'noinline' cannot be written");
  }
  warnUnwinding(ft, fn);
  bool returnsVoid = fn->getReturnType()->isVoidType();
  References refs = collectReferences(fn->getBody());
  std::string top = hoistNamedLocals(ft, refs);
  if (records(ft)) {
    needs.records = true;
    needs.memcpy = true;
    useCopies(ft);
    top = recordTypes(ft) + "  struct __defer_frame __defer_fr = {0};\n" + top;
  } else {
    top = "  unsigned long long __defer_mask = 0;\n" + top;
  }
  if (!returnsVoid) {
    QualType rt = fn->getReturnType().getUnqualifiedType();
    top += "  " + declaration(ctx, rt, "__defer_rv") + " = {0};\n";
  }
  useResult(ft);
  // Before the blocks' text is taken: a block may hold `_Defer`s.
  ScopedDefers scoped;
  if (hasScopedDefer(fn) && !lowerScopedDefers(ctx, rw, fn, scoped))
    return false;
  top += scoped.top;
  redirectReturns(ft, returnsVoid, scoped);

  std::vector<std::string> blocks;
  std::vector<SourceRange> siteRanges;
  for (const defer_clang::SiteTrees &s : scan.sites) {
    SourceRange body = statementRange(ctx, s.marker->getBody());
    blocks.push_back(ft.text(body));
    siteRanges.push_back({s.loc, body.getEnd()});
  }
  // The lines the site took stay, so the lines after it keep their numbers.
  for (unsigned i = 0; i < siteRanges.size(); i++)
    rw.ReplaceText(siteRanges[i],
                   registration(ft, i) +
                       std::string(std::count(blocks[i].begin(),
                                              blocks[i].end(), '\n'),
                                   '\n'));

  auto *body = cast<CompoundStmt>(fn->getBody());
  std::replace(top.begin(), top.end(), '\n', ' ');
  rw.InsertTextAfterToken(body->getLBracLoc(), " " + top);
  rw.InsertTextBefore(body->getRBracLoc(),
                      exitPath(ft, blocks, scoped.finally, returnsVoid,
                               body->getRBracLoc()));
  return ft.ok;
}

} // namespace defer_lower
