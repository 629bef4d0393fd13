// SPDX-License-Identifier: MIT
// How the names that `defer` and `defer_result` expand to get their
// meaning (see DeferPlugin.cpp):
//
//   #define defer _Pragma("defer site") for (; __defer_site (); )
//
// so `defer free (p);` parses as a `for` whose body is the deferred block:
// Clang resolves the block's names in the scope of the `defer` and keeps
// its locations.
//
// Under -E no plugin action runs, so nothing adds the macros to the
// predefines; <defer.h> then says `#pragma defer enable`, and the pragma
// handlers, which Clang creates for every preprocessor, define them.
//
// Neither __defer_site nor __defer_result is declared:
// Clang asks this external source when a lookup finds nothing, at the
// exact point of the parse, so it can note the function for the consumer
// and declare the names there.  (A pragma handler would run while the
// parser looks one token ahead, sometimes still in the previous function
// or in a block about to close.)  The pragma itself only keeps the
// expansion the same as GCC's, which needs it.

#include "Compat.h"
#include "DeferPlugin.h"

#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace defer_clang {

const char siteFunctionName[] = "__defer_site";
const char resultName[] = "__defer_result";

namespace {

// `defer site` (Go-style) and `defer block` (`_Defer` before Clang 22).
class SitePragma : public PragmaHandler {
public:
  explicit SitePragma(StringRef name) : PragmaHandler(name) {}
  void HandlePragma(Preprocessor &pp, PragmaIntroducer, Token &tok) override {
    while (tok.isNot(tok::eod))
      pp.Lex(tok);
  }
};

// Define NAME as BODY, as `#define NAME BODY` would at LOC.
void defineMacro(Preprocessor &pp, StringRef name, StringRef body,
                 SourceLocation loc) {
  SourceManager &sm = pp.getSourceManager();
  FileID fid = sm.createFileID(
      llvm::MemoryBuffer::getMemBufferCopy(body, "<defer macros>"),
      SrcMgr::C_User, 0, 0, loc);
  llvm::MemoryBufferRef buffer = sm.getBufferOrFake(fid);
  Lexer lexer(fid, buffer, sm, pp.getLangOpts());
  MacroInfo *mi = pp.AllocateMacroInfo(sm.getLocForStartOfFile(fid));
  llvm::SmallVector<Token, 16> tokens;
  Token tok;
  for (lexer.LexFromRawLexer(tok); tok.isNot(tok::eof);
       lexer.LexFromRawLexer(tok)) {
    if (tok.is(tok::raw_identifier))
      pp.LookUpIdentifierInfo(tok);
    tokens.push_back(tok);
  }
  mi->setTokens(tokens, pp.getPreprocessorAllocator());
  mi->setDefinitionEndLoc(sm.getLocForEndOfFile(fid));
  pp.appendDefMacroDirective(pp.getIdentifierInfo(name), mi, loc);
}

// #pragma defer enable: define what the plugin predefines, unless it did.
class EnablePragma : public PragmaHandler {
public:
  EnablePragma() : PragmaHandler("enable") {}
  void HandlePragma(Preprocessor &pp, PragmaIntroducer intro,
                    Token &tok) override {
    while (tok.isNot(tok::eod))
      pp.Lex(tok);
    if (pp.getIdentifierInfo("__DEFER__")->hasMacroDefinition())
      return;
    StringRef lines = storage = predefines(Options());
    while (!lines.empty()) {
      auto [line, rest] = lines.split('\n');
      lines = rest;
      line.consume_front("#define ");
      auto [name, body] = line.split(' ');
      defineMacro(pp, name, body, intro.Loc);
    }
  }

private:
  std::string storage;
};

// The `defer` pragma namespace, which every preprocessor gets.
class DeferPragmas : public PragmaNamespace {
public:
  DeferPragmas() : PragmaNamespace("defer") {
    AddPragma(new SitePragma("site"));
    AddPragma(new SitePragma("block"));
    AddPragma(new EnablePragma());
  }
};

class Names : public ExternalSemaSource {
public:
  Names(Sema &sema, std::shared_ptr<PluginState> state)
      : sema(sema), state(std::move(state)) {}

  bool LookupUnqualified(LookupResult &r, Scope *) override {
    IdentifierInfo *id = r.getLookupName().getAsIdentifierInfo();
    FunctionDecl *fn = sema.getCurFunctionDecl();
    if (id && id->getName() == resultName &&
        (!fn || !state->withDefer.count(fn))) {
      r.addDecl(outsideResult(r.getNameLoc()));
      return true;
    }
    if (!id || !fn)
      return false;
    if (id->getName() == siteFunctionName) {
      state->withDefer.insert(fn);
      r.addDecl(siteFunction(r.getNameLoc()));
      return true;
    }
    // A function's first `defer` declares its result, as under GCC; before
    // it the name is <defer.h>'s, which refuses every use.
    if (id->getName() == resultName && state->withDefer.count(fn)) {
      r.addDecl(resultFor(fn, r.getNameLoc()));
      return true;
    }
    return false;
  }

private:
  Sema &sema;
  std::shared_ptr<PluginState> state;
  FunctionDecl *site = nullptr;
  VarDecl *outside = nullptr;
  llvm::DenseMap<FunctionDecl *, VarDecl *> results;

  // int __defer_site (void), declared once for the translation unit.
  FunctionDecl *siteFunction(SourceLocation loc) {
    if (site)
      return site;
    ASTContext &ctx = sema.getASTContext();
    QualType type = ctx.getFunctionType(ctx.IntTy, {},
                                        FunctionProtoType::ExtProtoInfo());
    site = FunctionDecl::Create(ctx, ctx.getTranslationUnitDecl(), loc, loc,
                                &ctx.Idents.get(siteFunctionName), type,
                                ctx.getTrivialTypeSourceInfo(type, loc),
                                SC_Extern);
    site->setImplicit();
    return site;
  }

  // The __defer_result that a use outside a function with a `defer`, or
  // before its first, finds: unavailable, as GCC's from <defer.h>.
  VarDecl *outsideResult(SourceLocation loc) {
    if (outside)
      return outside;
    ASTContext &ctx = sema.getASTContext();
    outside = VarDecl::Create(ctx, ctx.getTranslationUnitDecl(), loc, loc,
                              &ctx.Idents.get(resultName), ctx.IntTy,
                              ctx.getTrivialTypeSourceInfo(ctx.IntTy, loc),
                              SC_Extern);
    outside->setImplicit();
    outside->addAttr(UnavailableAttr::CreateImplicit(
        ctx, "'defer_result' used outside a deferred block"));
    return outside;
  }

  // FN's __defer_result, of its return type; in a void function an int
  // that the scan rejects on every use.
  VarDecl *resultFor(FunctionDecl *fn, SourceLocation loc) {
    VarDecl *&vd = results[fn];
    if (vd)
      return vd;
    ASTContext &ctx = sema.getASTContext();
    QualType type = fn->getReturnType().getUnqualifiedType();
    if (type->isVoidType())
      type = ctx.IntTy;
    vd = VarDecl::Create(ctx, fn, loc, loc, &ctx.Idents.get(resultName), type,
                         ctx.getTrivialTypeSourceInfo(type, loc), SC_None);
    vd->setImplicit();
    vd->setReferenced();
    return vd;
  }
};

} // namespace

void addNames(Sema &sema, std::shared_ptr<PluginState> state) {
  compat::addExternalSource(
      sema, llvm::makeIntrusiveRefCnt<Names>(sema, std::move(state)));
}

} // namespace defer_clang

static clang::PragmaHandlerRegistry::Add<defer_clang::DeferPragmas>
    pragmas("defer", "the pragmas of the defer plugin");
