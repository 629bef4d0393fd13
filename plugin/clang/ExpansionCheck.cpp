// SPDX-License-Identifier: MIT
// Where the `defer` macro is expanded: the source text says whether the
// word stands where a statement can start (else the code uses `defer` as
// an identifier) and whether a declaration follows it (which a deferred
// statement cannot be); the shared rules of source-text.h decide, as in
// the GCC plugin.  Either mistake would otherwise give only the parser's
// errors about the expansion; it is one fatal error at the word instead.

#include "Compat.h"
#include "DeferPlugin.h"

#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

#include "keywords.h"
#include "messages.h"
#include "source-text.h"

using namespace clang;

namespace defer_clang {
namespace {

class Expansions : public PPCallbacks {
public:
  Expansions(Preprocessor &pp, const Options &opts) : pp(pp), opts(opts) {}

  // A #define of the plugin's words in the code; the plugin's own are in
  // the predefines.  The shared rules decide from the name and the
  // replacement text (keywords.h).
  void MacroDefined(const Token &name, const MacroDirective *md) override {
    IdentifierInfo *id = name.getIdentifierInfo();
    SourceLocation loc = name.getLocation();
    SourceManager &sm = pp.getSourceManager();
    if (!id || loc.isInvalid() || sm.isWrittenInBuiltinFile(loc) ||
        sm.isWrittenInCommandLineFile(loc) ||
        sm.getFileID(sm.getExpansionLoc(loc)) == pp.getPredefinesFileID())
      return;
    std::string error = defer_rules::check_redefinition(
        opts, compat::hasDeferStmt, id->getName().str(),
        replacement(md->getMacroInfo()));
    if (!error.empty())
      fatal(loc, error);
  }

  void MacroExpands(const Token &name, const MacroDefinition &,
                    SourceRange, const MacroArgs *) override {
    IdentifierInfo *id = name.getIdentifierInfo();
    SourceLocation loc = name.getLocation();
    // Spelled in a file, not produced by another macro: a macro's body
    // tells nothing of where it will be used.
    if (!id || !loc.isFileID())
      return;
    StringRef word = id->getName();
    bool scoped = !compat::hasDeferStmt &&
                  (word == "_Defer" || (opts.ts && word == "defer"));
    if (!scoped && word != "defer" && word != "__defer")
      return;
    SourceManager &sm = pp.getSourceManager();
    std::pair<FileID, unsigned> at = sm.getDecomposedLoc(loc);
    bool invalid = false;
    StringRef text = sm.getBufferData(at.first, &invalid);
    if (invalid)
      return;
    std::string_view view(text.data(), text.size());
    std::string spelling = word.str();
    // `_Defer L: X;`: the TS allows no label there (the plugin's marker
    // loop would take it); Clang 22 says so of its own.
    if (scoped) {
      long label = defer_rules::label_after(view, at.second, spelling.size());
      if (label >= 0) {
        DiagnosticsEngine &d = pp.getDiagnostics();
        d.Report(loc.getLocWithOffset(label - long(at.second)),
                 d.getCustomDiagID(DiagnosticsEngine::Error, "%0"))
            << defer_rules::msg::label_as_scoped_body;
      }
      return;
    }
    if (defer_rules::identifier_follows(
            defer_rules::token_before(view, at.second)))
      fatal(loc, defer_rules::defer_as_identifier(spelling));
    else if (defer_rules::starts_declaration(
                 defer_rules::word_after(view, at.second, spelling.size())))
      fatal(loc, defer_rules::deferred_declaration);
  }

private:
  Preprocessor &pp;
  Options opts;

  // "_Defer" for `#define defer _Defer`; a function-like macro's starts
  // with its parameter list.
  std::string replacement(const MacroInfo *mi) {
    std::string text = mi->isFunctionLike() ? "(" : "";
    for (const Token &t : mi->tokens())
      text += (text.empty() || text == "(" ? "" : " ") + pp.getSpelling(t);
    return text;
  }

  void fatal(SourceLocation loc, const std::string &text) {
    DiagnosticsEngine &d = pp.getDiagnostics();
    d.Report(loc, d.getCustomDiagID(DiagnosticsEngine::Fatal, "%0")) << text;
  }
};

} // namespace

void watchExpansions(Preprocessor &pp, const Options &opts) {
  pp.addPPCallbacks(std::make_unique<Expansions>(pp, opts));
}

} // namespace defer_clang
