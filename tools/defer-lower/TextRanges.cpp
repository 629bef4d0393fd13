// SPDX-License-Identifier: MIT
// Locations of statements in the file's text (TextRanges.h).

#include "TextRanges.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace defer_lower {

CharSourceRange tokenInFile(const ASTContext &ctx, SourceLocation loc) {
  const SourceManager &sm = ctx.getSourceManager();
  if (loc.isInvalid())
    return {};
  if (loc.isFileID())
    return CharSourceRange::getTokenRange(loc, loc);
  if (sm.isMacroArgExpansion(loc)) {
    SourceLocation spelled = sm.getSpellingLoc(loc);
    if (spelled.isFileID())
      return CharSourceRange::getTokenRange(spelled, spelled);
    return {};
  }
  // A macro written in the file whose whole expansion is this token.
  CharSourceRange call = sm.getImmediateExpansionRange(loc);
  if (call.getBegin().isFileID() && call.getBegin() == call.getEnd())
    return call;
  return {};
}

// The `;` that follows the last token of an expression or jump.
static SourceLocation semicolonAfter(const ASTContext &ctx,
                                     SourceLocation last) {
  const SourceManager &sm = ctx.getSourceManager();
  if (last.isMacroID()) {
    CharSourceRange r = sm.getExpansionRange(last);
    last = r.getEnd();
  }
  std::optional<Token> next =
      Lexer::findNextToken(last, sm, ctx.getLangOpts());
  if (!next || !next->is(tok::semi) || next->getLocation().isMacroID())
    return {};
  return next->getLocation();
}

SourceLocation statementEnd(const ASTContext &ctx, const Stmt *s) {
  if (!s)
    return {};
  if (auto *cs = dyn_cast<CompoundStmt>(s))
    return cs->getRBracLoc().isFileID() ? cs->getRBracLoc() : SourceLocation();
  if (auto *is = dyn_cast<IfStmt>(s))
    return statementEnd(ctx, is->getElse() ? is->getElse() : is->getThen());
  if (auto *fs = dyn_cast<ForStmt>(s))
    return statementEnd(ctx, fs->getBody());
  if (auto *ws = dyn_cast<WhileStmt>(s))
    return statementEnd(ctx, ws->getBody());
  if (auto *ss = dyn_cast<SwitchStmt>(s))
    return statementEnd(ctx, ss->getBody());
  if (auto *ls = dyn_cast<LabelStmt>(s))
    return statementEnd(ctx, ls->getSubStmt());
  if (auto *sc = dyn_cast<SwitchCase>(s))
    return statementEnd(ctx, sc->getSubStmt());
  if (auto *as = dyn_cast<AttributedStmt>(s))
    return statementEnd(ctx, as->getSubStmt());
  if (auto *ns = dyn_cast<NullStmt>(s))
    return ns->getSemiLoc().isFileID() ? ns->getSemiLoc() : SourceLocation();
  if (auto *ds = dyn_cast<DeclStmt>(s))
    return ds->getEndLoc().isFileID() ? ds->getEndLoc() : SourceLocation();
  if (auto *ds = dyn_cast<DeferStmt>(s))
    return statementEnd(ctx, ds->getBody());
  return semicolonAfter(ctx, s->getEndLoc());
}

SourceRange statementRange(const ASTContext &ctx, const Stmt *s) {
  SourceLocation begin = s->getBeginLoc();
  if (begin.isMacroID()) {
    CharSourceRange first = tokenInFile(ctx, begin);
    if (first.isInvalid()) {
      // The first token of a macro written in the file (`NULL;`).
      const SourceManager &sm = ctx.getSourceManager();
      CharSourceRange call = sm.getExpansionRange(begin);
      if (!sm.isAtStartOfImmediateMacroExpansion(begin))
        return {};
      first = call;
    }
    begin = first.getBegin();
  }
  SourceLocation end = statementEnd(ctx, s);
  if (begin.isInvalid() || end.isInvalid() || !begin.isFileID())
    return {};
  return {begin, end};
}

std::string lineDirective(const ASTContext &ctx, SourceLocation loc) {
  PresumedLoc at = ctx.getSourceManager().getPresumedLoc(loc);
  return "#line " + std::to_string(at.getLine()) + " \"" +
         std::string(at.getFilename()) + "\"\n";
}

std::string declaration(const ASTContext &ctx, QualType t,
                        const std::string &name) {
  std::string text;
  llvm::raw_string_ostream os(text);
  PrintingPolicy policy(ctx.getLangOpts());
  policy.SuppressTagKeyword = false;
  t.print(os, policy, name);
  return os.str();
}

} // namespace defer_lower
