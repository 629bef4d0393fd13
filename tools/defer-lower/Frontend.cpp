// SPDX-License-Identifier: MIT
// The plugin's front end without its lowering (Frontend.h): the same
// macros, names, checks of expansions and diagnostic filters as its
// Action in plugin/clang/DeferPlugin.cpp, and a consumer that lowers
// text instead of trees.

#include "Frontend.h"
#include "LowerFunction.h"
#include "Prelude.h"
#include "ScopedDefer.h"

#include "DeferPlugin.h"
#include "keywords.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Sema/SemaConsumer.h"

using namespace clang;

namespace defer_lower {
namespace {

class Consumer : public SemaConsumer {
public:
  Consumer(std::shared_ptr<defer_clang::PluginState> state, Lowered &out)
      : state(std::move(state)), out(out) {}

  void Initialize(ASTContext &ctx) override {
    rw.setSourceMgr(ctx.getSourceManager(), ctx.getLangOpts());
  }

  void InitializeSema(Sema &sema) override {
    defer_clang::addNames(sema, state);
  }

  bool HandleTopLevelDecl(DeclGroupRef group) override {
    for (Decl *d : group) {
      auto *fn = dyn_cast<FunctionDecl>(d);
      if (!fn || !fn->hasBody())
        continue;
      if (state->withDefer.count(fn)) {
        if (!lowerFunction(*state, fn->getASTContext(), fn, rw, needs))
          failed = true;
      } else if (hasScopedDefer(fn) &&
                 !lowerScopedFunction(fn->getASTContext(), rw, fn)) {
        failed = true;
      }
    }
    return true;
  }

  void HandleTranslationUnit(ASTContext &ctx) override {
    if (failed || ctx.getDiagnostics().hasErrorOccurred()) {
      out.failed = true;
      return;
    }
    SourceManager &sm = ctx.getSourceManager();
    FileID main = sm.getMainFileID();
    std::string name =
        sm.getPresumedLoc(sm.getLocForStartOfFile(main)).getFilename();
    std::string body;
    if (const llvm::RewriteBuffer *b = rw.getRewriteBufferFor(main))
      body.assign(b->begin(), b->end());
    else
      body = sm.getBufferData(main).str();
    out.text = prelude(name, needs) + body;
  }

private:
  std::shared_ptr<defer_clang::PluginState> state;
  Lowered &out;
  Rewriter rw;
  FileNeeds needs;
  bool failed = false;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(Lowered &out) : out(out) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
                                                 StringRef) override {
    if (ci.getLangOpts().CPlusPlus || ci.getLangOpts().ObjC) {
      DiagnosticsEngine &d = ci.getDiagnostics();
      d.Report(d.getCustomDiagID(DiagnosticsEngine::Error,
                                 "defer-lower reads only C"));
      return std::make_unique<ASTConsumer>();
    }
    auto state = std::make_shared<defer_clang::PluginState>();
    state->opts.unwind = false; // plain C has no unwinding path
    state->ci = &ci;
    Preprocessor &pp = ci.getPreprocessor();
    pp.setPredefines(pp.getPredefines() + defer_clang::predefines(state->opts));
    // Block-scoped `_Defer` parses and is checked as Clang's own, as
    // under the plugin; ScopedDefer.cpp writes it as plain C.
    defer_clang::enableScopedDefer(ci);
    for (const defer_rules::Macro &m :
         defer_rules::keyword_macros(state->opts, true))
      ci.getPreprocessorOpts().addMacroDef(m.name + "=" + m.body);
    defer_clang::filterDiagnostics(ci.getDiagnostics(), ci.getLangOpts(),
                                   state);
    defer_clang::watchExpansions(pp, state->opts);
    return std::make_unique<Consumer>(state, out);
  }

private:
  Lowered &out;
};

class Factory : public tooling::FrontendActionFactory {
public:
  explicit Factory(Lowered &out) : out(out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(out);
  }

private:
  Lowered &out;
};

} // namespace

std::unique_ptr<tooling::FrontendActionFactory>
lowerActionFactory(Lowered &out) {
  return std::make_unique<Factory>(out);
}

} // namespace defer_lower
