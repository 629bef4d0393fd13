/* SPDX-License-Identifier: MIT */
// Interfaces between the files of the Clang defer plugin.

#ifndef DEFER_CLANG_PLUGIN_H
#define DEFER_CLANG_PLUGIN_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/SmallPtrSet.h"

#include "options.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
class Sema;
} // namespace clang

namespace defer_clang {

// What the -fplugin-arg-defer-... options asked for.
using Options = defer_rules::Options;

// State shared by the pragma handler and the AST consumer of one
// compilation; they own it together (the action may be gone by the time
// the file is parsed).
struct PluginState {
  Options opts;
  clang::CompilerInstance *ci = nullptr;
  // A static analyzer reads the lowered functions (clang --analyze,
  // clang-tidy --load): they get the lowering it follows.
  bool analysis = false;
  // Functions in which a `defer` was parsed; the others are not scanned.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 8> withDefer;
  // Warnings about what Clang cannot do with functions lowered fine, given
  // at the end of a translation unit without errors (not next to the
  // errors those cause).
  std::vector<std::pair<clang::SourceLocation, std::string>> lateWarnings;
  // Whether a lowered function calls libdefer (LinkCheck.cpp).
  bool usesLibdefer = false;
  // DebugInfo.cpp: the location of the code that has no line, once made.
  clang::SourceLocation noLine;
  // The variable of CatchSupport.cpp, once a handler reads it.
  clang::VarDecl *caughtException = nullptr;
};

// Diagnostics in Clang's style, with the text given by the shared rules.
void error(clang::ASTContext &ctx, clang::SourceLocation loc,
           const std::string &text);
// warning: false when -w silenced it (then give no note with it).
bool warning(clang::ASTContext &ctx, clang::SourceLocation loc,
             const std::string &text);
void note(clang::ASTContext &ctx, clang::SourceLocation loc,
          const std::string &text);
// The report: a remark, Clang's kind for what the compiler decided (a
// note would need a diagnostic to follow).
void remark(clang::ASTContext &ctx, clang::SourceLocation loc,
            const std::string &text);

// The `defer` keyword that LOC, inside its macro expansion, came from.
clang::SourceLocation keywordLocation(const clang::SourceManager &sm,
                                      clang::SourceLocation loc);

// The `#define` lines of the macros the plugin defines (keywords.h).
std::string predefines(const Options &opts);

// ScopedDefer.cpp: Clang's own `_Defer` without -fdefer-ts, and the value
// of a return computed before the `_Defer`s of a function run (no NRVO).
void enableScopedDefer(clang::CompilerInstance &ci);
void returnBeforeScopedDefers(clang::FunctionDecl *fn);
// Whether FN has one of Clang's own `_Defer`s.
bool hasScopedDefer(const clang::FunctionDecl *fn);
// `_Defer _Defer X;` as the TS means it, before anything reads the body;
// whether FN has a `_Defer` of Clang's own, found on the way.
bool braceNestedScopedDefers(clang::FunctionDecl *fn);

// SitePragma.cpp: the external source that gives __defer_site and
// __defer_result their meaning.  (The pragmas `defer site` and
// `defer enable` are registered when the plugin is loaded.)
void addNames(clang::Sema &sema, std::shared_ptr<PluginState> state);
extern const char siteFunctionName[];
extern const char resultName[];

// ExpansionCheck.cpp: refuse `defer` used as an identifier, or followed
// by a declaration, where it is expanded, and a #define of the words.
void watchExpansions(clang::Preprocessor &pp, const Options &opts);

// DiagnosticFilter.cpp: Clang's own diagnostics that `defer` changes (a
// `defer` at file scope, falling off the end of a function with one).
void filterDiagnostics(clang::DiagnosticsEngine &diags,
                       const clang::LangOptions &lang,
                       std::shared_ptr<const PluginState> state);

// Lower.cpp: scan, decide, report and lower one function; whether the
// plugin lowers the `_Defer`s too (LowerScoped.cpp).
void lowerFunction(PluginState &state, clang::FunctionDecl *fn);
bool lowersScopedDefers(const PluginState &state);

// LinkCheck.cpp: at the end of a unit that uses libdefer, the reference
// that makes a link without libdefer name it.
void emitLinkCheck(PluginState &state, clang::ASTContext &ctx);

// DebugInfo.cpp: what a debugger sees of a lowered function.  With debug
// information, the code around the deferred blocks stands at a location
// of its own (noLineLocation; invalid without debug information or under
// an analyzer), and an LLVM pass gives its instructions no line; a guard
// tested again at exit moves there too (moveToNoLine).
clang::SourceLocation noLineLocation(PluginState &state);
void moveToNoLine(clang::Expr *guard, clang::SourceLocation noLine);
void fixDebugInfo(clang::CompilerInstance &ci);
// A copy in a record, as a debugger is to see it in the deferred block:
// the copied variable's name and line, and its offset in the record.
struct NamedCopy {
  std::string name;
  unsigned line;
  uint64_t offset;
};
// The debug name of the pointer to site SITE's records, which says where
// its copies are: from it the pass gives each run of the deferred block
// variables of the copied variables' names, and drops the pointer's own.
std::string recordPointerName(unsigned site,
                              const std::vector<NamedCopy> &copies);

// Unwinding.cpp: what keeps the landing pads of calls made while deferred
// blocks are pending.  A declaration of the unit loses its nothrow; the
// module gets LLVM's flag that nounwind does not remove landing pads.
void dropNoThrow(clang::FunctionDecl *fd);
void keepInvokes(clang::CompilerInstance &ci);

// FillVersioning.cpp: loops pushing records onto the stack get a copy
// without room tests, taken when all their passes' records fit (an LLVM
// pass).
void versionFillLoops(clang::CompilerInstance &ci, bool report);
// CatchSupport.cpp: what the lowering's catch-all handlers (LowerCatch.cpp)
// call, defined in the unit at its end, and the variable in which they
// find their exception.
clang::VarDecl *caughtException(PluginState &state, clang::ASTContext &ctx);
void defineCatchSupport(PluginState &state, clang::ASTContext &ctx);

} // namespace defer_clang

#endif
