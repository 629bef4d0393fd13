// How the names that `defer` and `defer_result` expand to get their
// meaning (see DeferPlugin.cpp):
//
//   #define defer _Pragma("defer site") for (; __defer_site (); )
//
// so `defer free (p);` parses as a `for` whose body is the deferred block:
// Clang resolves the block's names in the scope of the `defer` and keeps
// its locations.  Neither __defer_site nor __defer_result is declared:
// Clang asks this external source when a lookup finds nothing, at the
// exact point of the parse, so it can note the function for the consumer
// and declare the names there.  (A pragma handler would run while the
// parser looks one token ahead, sometimes still in the previous function
// or in a block about to close.)  The pragma itself only keeps the
// expansion the same as GCC's, which needs it.

#include "DeferPlugin.h"

#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace defer_clang {

const char siteFunctionName[] = "__defer_site";
const char resultName[] = "__defer_result";

namespace {

class SitePragma : public PragmaHandler {
public:
  SitePragma() : PragmaHandler("site") {}
  void HandlePragma(Preprocessor &pp, PragmaIntroducer, Token &tok) override {
    while (tok.isNot(tok::eod))
      pp.Lex(tok);
  }
};

class Names : public ExternalSemaSource {
public:
  Names(Sema &sema, std::shared_ptr<PluginState> state)
      : sema(sema), state(std::move(state)) {}

  bool LookupUnqualified(LookupResult &r, Scope *) override {
    IdentifierInfo *id = r.getLookupName().getAsIdentifierInfo();
    FunctionDecl *fn = sema.getCurFunctionDecl();
    if (!id || !fn)
      return false;
    if (id->getName() == siteFunctionName) {
      state->withDefer.insert(fn);
      r.addDecl(siteFunction(r.getNameLoc()));
      return true;
    }
    if (id->getName() == resultName) {
      state->withDefer.insert(fn); // the scan checks where it is used
      r.addDecl(resultFor(fn, r.getNameLoc()));
      return true;
    }
    return false;
  }

private:
  Sema &sema;
  std::shared_ptr<PluginState> state;
  FunctionDecl *site = nullptr;
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

void addSitePragma(std::shared_ptr<PluginState> state) {
  state->ci->getPreprocessor().AddPragmaHandler("defer", new SitePragma());
}

void addNames(Sema &sema, std::shared_ptr<PluginState> state) {
  sema.addExternalSource(llvm::makeIntrusiveRefCnt<Names>(sema, std::move(state)));
}

} // namespace defer_clang
