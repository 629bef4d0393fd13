// A `defer` outside a function body: its expansion starts with `for`,
// which Clang's parser rejects at file scope with "expected identifier or
// '('".  That error, when it comes from a `defer` expansion, is reported
// as the contract's own message at the `defer` instead.  (GCC's plugin
// catches the case in its pragma; Clang runs pragmas on the parser's
// lookahead, too early to know where the statement is.)

#include "DeferPlugin.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"

#include "messages.h"

using namespace clang;

namespace defer_clang {
namespace {

class FileScopeDefer : public DiagnosticConsumer {
public:
  FileScopeDefer(DiagnosticsEngine &diags, const LangOptions &lang,
                 DiagnosticConsumer *next,
                 std::unique_ptr<DiagnosticConsumer> owned)
      : diags(diags), next(next), owned(std::move(owned)), lang(&lang) {}

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
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level >= DiagnosticsEngine::Error && fromDeferAtFileScope(info)) {
      SourceLocation at =
          info.getSourceManager().getExpansionLoc(info.getLocation());
      DiagnosticStorage none;
      Diagnostic ours(&diags, at, info.getID(), none,
                      defer_rules::msg::outside_function);
      next->HandleDiagnostic(level, ours);
      return;
    }
    next->HandleDiagnostic(level, info);
  }

private:
  DiagnosticsEngine &diags;
  DiagnosticConsumer *next;
  std::unique_ptr<DiagnosticConsumer> owned;
  const LangOptions *lang;

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

void reportFileScopeDefers(DiagnosticsEngine &diags, const LangOptions &lang) {
  DiagnosticConsumer *next = diags.getClient();
  std::unique_ptr<DiagnosticConsumer> owned =
      diags.ownsClient() ? diags.takeClient() : nullptr;
  diags.setClient(new FileScopeDefer(diags, lang, next, std::move(owned)),
                  true);
}

} // namespace defer_clang
