// SPDX-License-Identifier: MIT
// Keeping alive the locals that deferred blocks name (FunctionText.h).
// The plugin keeps the variable where it is and only extends its life;
// in text the blocks run at the end of the function, outside the inner
// block, so the variable is declared in the outermost block instead
// (under a name no other declaration can hide), and its declaration
// becomes an assignment of its initial value.

#include "FunctionText.h"
#include "TextRanges.h"

#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace defer_lower {
namespace {

// Whether variable V is declared inside the deferred block of SITE: then
// it is the block's own and moves with it.
bool declaredInBlock(const defer_rules::Function &fn, int v, unsigned site) {
  unsigned at = fn.vars[v].declared_at;
  return at >= fn.sites[site].at && at <= fn.sites[site].last;
}

// A local of the function named by a deferred block that is not declared
// in the outermost block (nor in the block itself), and not copied: an
// automatic one, or a static one, whose declaration must be seen there.
struct Candidate {
  const VarDecl *vd;
  int v; // the model's id; none for a static
};

std::vector<Candidate> namedByReference(FunctionText &ft) {
  const defer_rules::Function &fn = ft.scan.model;
  std::vector<Candidate> found;
  std::set<const VarDecl *> seen;
  for (unsigned i = 0; i < fn.sites.size(); i++) {
    for (int v : fn.sites[i].names) {
      const VarDecl *vd = ft.scan.vars[v];
      if (fn.vars[v].outermost || ft.copiedBy(i, v) ||
          vd->hasExternalStorage() || isa<ParmVarDecl>(vd) ||
          declaredInBlock(fn, v, i) || !seen.insert(vd).second)
        continue;
      found.push_back({vd, v});
    }
    Stmt *block = ft.scan.sites[i].marker->getBody();
    for (auto &[vd, refs] : collectReferences(block)) {
      if (!vd->isStaticLocal() || vd->getDeclContext() != ft.scan.fn ||
          block->getSourceRange().fullyContains(vd->getSourceRange()) ||
          !seen.insert(vd).second)
        continue;
      found.push_back({vd, defer_rules::none});
    }
  }
  return found;
}

// The statement declaring each local of the function.
class DeclarationFinder : public RecursiveASTVisitor<DeclarationFinder> {
public:
  std::map<const VarDecl *, DeclStmt *> decls;
  bool VisitDeclStmt(DeclStmt *ds) {
    for (Decl *d : ds->decls())
      if (auto *vd = dyn_cast<VarDecl>(d))
        decls[vd] = ds;
    return true;
  }
};

// `name = init;` for the declaration `T name = init;`.
std::string initialisation(FunctionText &ft, const VarDecl *vd,
                           const std::string &name, QualType t) {
  const Expr *init = vd->getInit();
  if (!init || isa<ImplicitValueInitExpr>(init))
    return ";";
  CharSourceRange range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(init->getSourceRange()),
      ft.ctx.getSourceManager(), ft.ctx.getLangOpts());
  if (range.isInvalid()) {
    ft.fail(init->getBeginLoc(), "this initialiser is not written in the "
                                 "file and cannot be moved");
    return ";";
  }
  std::string value = ft.rw.getRewrittenText(range);
  // An array's initialiser is copied from a compound literal of its type.
  if (t->isArrayType()) {
    ft.needs.memcpy = true;
    if (!isa<InitListExpr>(init->IgnoreImplicit()))
      value = "{" + value + "}";
    return "memcpy ((void *) " + name + ", (" + declaration(ft.ctx, t, "") +
           ")" + value + ", sizeof " + name + ");";
  }
  // A brace initialiser becomes a compound literal of the same type.
  if (isa<InitListExpr>(init->IgnoreImplicit()))
    value = "(" + declaration(ft.ctx, t, "") + ")" + value;
  return name + " = " + value + ";";
}

} // namespace

std::string hoistNamedLocals(FunctionText &ft, const References &refs) {
  std::string declarations;
  std::vector<std::pair<const DeclStmt *, std::string>> inits, statics;
  DeclarationFinder finder;
  finder.TraverseStmt(ft.scan.fn->getBody());
  unsigned count = 0;
  for (const Candidate &c : namedByReference(ft)) {
    const VarDecl *vd = c.vd;
    DeclStmt *ds = finder.decls[vd];
    if (vd->getType()->isVariablyModifiedType()) {
      ft.fail(vd->getLocation(),
              "a variable-length array of an inner block that a deferred "
              "block names cannot be moved out of its block");
      continue;
    }
    if (!ds || !ds->isSingleDecl()) {
      ft.fail(vd->getLocation(),
              "'" + vd->getName().str() +
                  "' is named by a deferred block and declared with other "
                  "variables: declare it alone to lower the function");
      continue;
    }
    if (!ft.typeWritableAtTop(vd))
      continue;
    std::string name = "__defer_" + vd->getName().str() + "_" +
                       std::to_string(count++);
    QualType t = vd->getType();
    if (vd->isStaticLocal()) {
      // Initialised once, before the program starts: the declaration
      // moves whole.
      std::string init = ";";
      if (const Expr *e = vd->getInit()) {
        CharSourceRange r = Lexer::makeFileCharRange(
            CharSourceRange::getTokenRange(e->getSourceRange()),
            ft.ctx.getSourceManager(), ft.ctx.getLangOpts());
        if (r.isInvalid()) {
          ft.fail(e->getBeginLoc(), "this initialiser is not written in the "
                                    "file and cannot be moved");
          continue;
        }
        init = " = " + ft.rw.getRewrittenText(r) + ";";
      }
      declarations += "  static " + declaration(ft.ctx, t, name) + init + "\n";
      statics.push_back({ds, name});
    } else {
      t.removeLocalConst();
      declarations += "  " + declaration(ft.ctx, t, name) + ";\n";
    }
    auto found = refs.find(vd);
    if (found != refs.end())
      for (DeclRefExpr *ref : found->second)
        ft.replaceToken(ref->getLocation(), name,
                        "'" + vd->getName().str() +
                            "' is named inside a macro's definition");
    if (!vd->isStaticLocal())
      inits.push_back({ds, name});
  }
  for (auto &[ds, name] : statics) {
    SourceRange range = statementRange(ft.ctx, ds);
    if (range.isInvalid())
      ft.fail(ds->getBeginLoc(), "this declaration is not written in the "
                                 "file and cannot be moved");
    else
      ft.rw.ReplaceText(range, ";");
  }
  // After the renames, which the initialisers may contain.
  for (auto &[ds, name] : inits) {
    auto *vd = cast<VarDecl>(ds->getSingleDecl());
    QualType t = vd->getType();
    t.removeLocalConst();
    SourceRange range = statementRange(ft.ctx, ds);
    std::string text = initialisation(ft, vd, name, t);
    if (range.isInvalid())
      ft.fail(ds->getBeginLoc(), "this declaration is not written in the "
                                 "file and cannot be moved");
    else
      ft.rw.ReplaceText(range, text);
  }
  return declarations;
}

} // namespace defer_lower
