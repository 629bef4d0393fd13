// SPDX-License-Identifier: MIT
// Clang's own diagnostics that `defer` changes, seen on their way to the
// output:
// - A `defer` outside a function body: its expansion starts with `for`,
//   which Clang's parser rejects at file scope with "expected identifier
//   or '('".  That error, when it comes from a `defer` expansion, is
//   reported as the plugin's own fatal error at the `defer` instead, and
//   nothing after it.  (GCC's
//   plugin catches the case in its pragma; Clang runs pragmas on the
//   parser's lookahead, too early to know where the statement is.)
// - "non-void function does not return a value" for a function with a
//   `defer`: falling off its end returns defer_result (zero unless a
//   deferred block sets it), which is defined.  Dropped, as GCC's plugin
//   tells GCC the function returns a value.

#include "Compat.h"
#include "DeferPlugin.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"

#include "messages.h"

using namespace clang;

namespace defer_clang {
namespace {

class Filter : public DiagnosticConsumer {
public:
  Filter(DiagnosticsEngine &diags, const LangOptions &lang,
         std::shared_ptr<const PluginState> state, DiagnosticConsumer *next,
         std::unique_ptr<DiagnosticConsumer> owned)
      : diags(diags), next(next), owned(std::move(owned)), lang(&lang),
        state(std::move(state)) {}

  void BeginSourceFile(const LangOptions &lang,
                       const Preprocessor *pp) override {
    this->lang = &lang;
    next->BeginSourceFile(lang, pp);
  }
  void EndSourceFile() override { next->EndSourceFile(); }
  void finish() override { next->finish(); }
  void clear() override {
    DiagnosticConsumer::clear();
    next->clear();
  }
  bool IncludeInDiagnosticCounts() const override {
    return next->IncludeInDiagnosticCounts();
  }

  void HandleDiagnostic(DiagnosticsEngine::Level level,
                        const Diagnostic &info) override {
    if (fallsOffWithDefer(info) || stopped)
      return;
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level >= DiagnosticsEngine::Error && fromDeferAtFileScope(info)) {
      // A fatal error, as under GCC: what the rest of the expansion makes
      // of the file says nothing useful.
      SourceLocation at =
          info.getSourceManager().getExpansionLoc(info.getLocation());
      compat::reportFatal(diags, next, info, at,
                          defer_rules::msg::outside_function);
      stopped = true;
      return;
    }
    next->HandleDiagnostic(level, info);
  }

private:
  DiagnosticsEngine &diags;
  DiagnosticConsumer *next;
  std::unique_ptr<DiagnosticConsumer> owned;
  const LangOptions *lang;
  bool stopped = false; // after a `defer` at file scope
  // Shared: the engine may outlive the AST consumer.
  std::shared_ptr<const PluginState> state;

  // The warning is given at the closing brace of the function being
  // finished, whose body is set by then.
  bool fallsOffWithDefer(const Diagnostic &info) const {
    if (!compat::isFallOffNonVoid(info.getID()))
      return false;
    for (const FunctionDecl *fn : state->withDefer)
      if (auto *body = dyn_cast_or_null<CompoundStmt>(fn->getBody()))
        if (body->getRBracLoc() == info.getLocation())
          return true;
    return false;
  }

  bool fromDeferAtFileScope(const Diagnostic &info) const {
    SourceLocation loc = info.getLocation();
    if (!lang || !info.hasSourceManager() || !loc.isMacroID())
      return false;
    StringRef macro =
        Lexer::getImmediateMacroName(loc, info.getSourceManager(), *lang);
    if (macro != "defer" && macro != "__defer")
      return false;
    SmallString<64> text;
    info.FormatDiagnostic(text);
    return text == "expected identifier or '('";
  }
};

} // namespace

void filterDiagnostics(DiagnosticsEngine &diags, const LangOptions &lang,
                       std::shared_ptr<const PluginState> state) {
  DiagnosticConsumer *next = diags.getClient();
  std::unique_ptr<DiagnosticConsumer> owned =
      diags.ownsClient() ? diags.takeClient() : nullptr;
  diags.setClient(new Filter(diags, lang, std::move(state), next,
                             std::move(owned)),
                  true);
}

} // namespace defer_clang
