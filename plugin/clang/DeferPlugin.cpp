// SPDX-License-Identifier: MIT
// The defer plugin for Clang 22: Go-style, function-scoped `defer` for C.
//
// Use:  clang-22 -fplugin=/path/to/defer-clang.so file.c
//
// Options (-fplugin-arg-defer-<option>):
//   no-keyword  only the reserved spelling `__defer`
//   report      a note at every `defer`: the lowering chosen and why
//   dump        print every lowered function to stderr
//   no-unwind   no -fexceptions: panics, pthread_exit and pthread_cancel
//               then skip the deferred blocks
//   Wno-copy    no warning for a copied variable changed after its defer
//   Wno-unwind  no warning for blocks Clang cannot run when unwinding
//
// How it works (docs/ARCHITECTURE.md): the action runs before the main
// action, so it can add the `defer` macros to the predefines before the
// file is read, and its AST consumer sees each function before code
// generation does.  `defer BLOCK` parses as a marker `for` loop around
// BLOCK (SitePragma.cpp); the consumer scans each function with a `defer`
// into the neutral model (Scan.cpp), hands it to the analysis and plan
// shared with the GCC plugin (plugin/common), gives their diagnostics, and
// rewrites the body as planned (Lower*.cpp) around Clang DeferStmts, which
// code generation runs at every exit.

#include "Compat.h"
#include "DeferPlugin.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclGroup.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Sema/SemaConsumer.h"

#include "keywords.h"

using namespace clang;

namespace defer_clang {

static unsigned customID(ASTContext &ctx, DiagnosticsEngine::Level level) {
  return ctx.getDiagnostics().getCustomDiagID(level, "%0");
}

void error(ASTContext &ctx, SourceLocation loc, const std::string &text) {
  ctx.getDiagnostics().Report(loc, customID(ctx, DiagnosticsEngine::Error))
      << text;
}

// A custom diagnostic keeps the level it was made with, whatever -w or
// -Werror say: they are applied here.
bool warning(ASTContext &ctx, SourceLocation loc, const std::string &text) {
  DiagnosticsEngine &d = ctx.getDiagnostics();
  if (d.getIgnoreAllWarnings())
    return false;
  d.Report(loc, customID(ctx, d.getWarningsAsErrors()
                                  ? DiagnosticsEngine::Error
                                  : DiagnosticsEngine::Warning))
      << text;
  return true;
}

void remark(ASTContext &ctx, SourceLocation loc, const std::string &text) {
  ctx.getDiagnostics().Report(loc, customID(ctx, DiagnosticsEngine::Remark))
      << text;
}

void note(ASTContext &ctx, SourceLocation loc, const std::string &text) {
  ctx.getDiagnostics().Report(loc, customID(ctx, DiagnosticsEngine::Note))
      << text;
}

SourceLocation keywordLocation(const SourceManager &sm, SourceLocation loc) {
  return sm.getExpansionLoc(loc);
}

// Whether a static analyzer reads the functions: clang --analyze, and
// clang-tidy, which asks for __clang_analyzer__ this way.  (A compilation
// given -D__clang_analyzer__ still generates code: it keeps unwinding.)
static bool underAnalyzer(const CompilerInstance &ci) {
  return ci.getFrontendOpts().ProgramAction == frontend::RunAnalysis ||
         ci.getPreprocessorOpts().SetUpStaticAnalyzer;
}

namespace {

class Consumer : public SemaConsumer {
public:
  explicit Consumer(std::shared_ptr<PluginState> state)
      : state(std::move(state)) {}

  void InitializeSema(Sema &sema) override { addNames(sema, state); }

  void HandleTranslationUnit(ASTContext &ctx) override {
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    for (auto &w : state->lateWarnings)
      warning(ctx, w.first, w.second);
    emitLinkCheck(*state, ctx);
    defineCatchSupport(*state, ctx);
  }

  bool HandleTopLevelDecl(DeclGroupRef group) override {
    for (Decl *d : group)
      if (auto *fn = dyn_cast<FunctionDecl>(d)) {
        if (state->opts.unwind)
          dropNoThrow(fn);
        if (!fn->hasBody())
          continue;
        bool scoped = braceNestedScopedDefers(fn);
        if (state->withDefer.count(fn) ||
            (scoped && lowersScopedDefers(*state)))
          lowerFunction(*state, fn);
        else
          returnBeforeScopedDefers(fn);
      }
    return true;
  }

private:
  std::shared_ptr<PluginState> state;
};


class Action : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &ci,
                 const std::vector<std::string> &args) override {
    // The rules both plugins share (plugin/common/options.h). An unknown
    // option ends the compilation, as it does under GCC: without the
    // plugin every `defer` would be an error of its own.
    for (const std::string &arg : args) {
      std::string error;
      if (!defer_rules::parse_option(arg, opts, &error)) {
        DiagnosticsEngine &d = ci.getDiagnostics();
        d.Report(d.getCustomDiagID(DiagnosticsEngine::Fatal, "%0")) << error;
        return false;
      }
    }
    if (opts.version)
      llvm::errs() << defer_rules::version_line("Clang " CLANG_VERSION_STRING)
                   << "\n";
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
                                                 StringRef) override {
    const LangOptions &lang = ci.getLangOpts();
    if (lang.CPlusPlus || lang.ObjC) {
      DiagnosticsEngine &d = ci.getDiagnostics();
      d.Report(d.getCustomDiagID(
          DiagnosticsEngine::Error,
          "the defer plugin supports only C; it cannot be loaded into the "
          "%0 front end"))
          << (lang.CPlusPlus ? "C++" : "Objective-C");
      return std::make_unique<ASTConsumer>();
    }
    // A static analyzer gets the function lowered without unwinding: every
    // exit jumps to the deferred blocks, which the analyzer follows, where
    // Clang 22's CFG runs a DeferStmt's block at the DeferStmt, and models
    // no unwinding anyway.  Nothing is generated from it.
    bool analysis = underAnalyzer(ci);
    if (analysis)
      opts.unwind = false;
    // Panics, pthread_exit and pthread_cancel unwind the stack: deferred
    // blocks run then only from cleanups, which C gets with -fexceptions.
    // Code generation reads the option per function, after this.
    if (opts.unwind) {
      ci.getLangOpts().Exceptions = true;
      keepInvokes(ci);
    }
    fixDebugInfo(ci);
    versionFillLoops(ci, opts.report);
    auto state = std::make_shared<PluginState>();
    state->opts = opts;
    state->ci = &ci;
    state->analysis = analysis;
    Preprocessor &pp = ci.getPreprocessor();
    enableScopedDefer(ci);
    pp.setPredefines(pp.getPredefines() + predefines(opts));
    // A precompiled header (-include-pch) replaces the predefines with
    // the -D options it was not made with: made without the plugin, it
    // would leave the macros undefined.  They are -D options as well.
    for (const defer_rules::Macro &m : defer_rules::keyword_macros(opts, compat::hasDeferStmt))
      ci.getPreprocessorOpts().addMacroDef(m.name + "=" + m.body);
    filterDiagnostics(ci.getDiagnostics(), ci.getLangOpts(), state);
    watchExpansions(pp, opts);
    return std::make_unique<Consumer>(state);
  }

private:
  Options opts;
};

} // namespace

std::string predefines(const Options &opts) {
  std::string text;
  for (const defer_rules::Macro &m : defer_rules::keyword_macros(opts, compat::hasDeferStmt))
    text += "#define " + m.name + " " + m.body + "\n";
  return text;
}

} // namespace defer_clang

// A plugin that adds itself before the main action runs in every
// compilation of the process that registers it: the tools that reuse the
// front end (tools/defer-lower) compile this file without it.
#ifndef DEFER_CLANG_UNREGISTERED
static FrontendPluginRegistry::Add<defer_clang::Action>
    registration("defer", "Go-style function-scoped defer for C");
#endif
