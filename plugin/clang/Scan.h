/* SPDX-License-Identifier: MIT */
// Scanning one function body (Clang AST) into the neutral model of
// plugin/common/model.h, and keeping beside it the statements the lowering
// rewrites.  The scan decides nothing: the shared rules do
// (plugin/common/analysis.h, plan.h).

#ifndef DEFER_CLANG_SCAN_H
#define DEFER_CLANG_SCAN_H

#include "DeferPlugin.h"

#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

#include "model.h"

#include <vector>

namespace defer_clang {

// Where a site is in the AST.
struct SiteTrees {
  clang::Stmt **slot = nullptr; // where the marker loop sits
  clang::ForStmt *marker = nullptr;
  clang::SourceLocation loc;         // the `defer` keyword
  clang::Stmt **guardSlot = nullptr; // `if (c) defer X;`: where the if sits
  clang::Expr *guard = nullptr;      // c
};

struct Scan {
  clang::FunctionDecl *fn = nullptr;
  defer_rules::Function model;
  // Where::token -> the location it stands for.
  std::vector<clang::SourceLocation> locations;
  std::vector<SiteTrees> sites;          // model.sites, in the AST
  std::vector<clang::VarDecl *> vars;    // model.vars: their decls
  std::vector<clang::Stmt **> varSlots;  // the DeclStmt declaring each
  llvm::DenseMap<const clang::VarDecl *, int> varIds;
  std::vector<clang::Stmt **> returns;   // outside deferred blocks
  // The `_Defer`s that are statements of the body's block (Clang's own,
  // or the plugin's marker loops before Clang 22), with their positions
  // (model.h): the lowering takes them over.
  std::vector<std::pair<unsigned, clang::Stmt **>> outermostDefers;
  std::vector<clang::Stmt **> recovers;  // defer_recover () in blocks
  std::vector<clang::DeclRefExpr *> resultRefs; // defer_result in blocks

  defer_rules::Where where(clang::SourceLocation loc,
                           const clang::SourceManager &sm);
  int varId(const clang::ValueDecl *d) const;
};

// Fill SCAN for FN.
void scanFunction(clang::ASTContext &ctx, clang::FunctionDecl *fn,
                  Scan &scan);

// A block-scoped `_Defer`: Clang's own DeferStmt (Clang 22), or, where
// Clang has none, the marker loop `for (; __defer_site (); __defer_site ())`
// that the plugin's `_Defer` expands to (plugin/common/keywords.h).
bool isScopedMarker(const clang::Stmt *s);
bool isScopedDefer(const clang::Stmt *s);
clang::Stmt *scopedDeferBody(clang::Stmt *s);
clang::SourceLocation scopedDeferLocation(const clang::SourceManager &sm,
                                          const clang::Stmt *s);
// S through the labels and case labels in front of it; the slot that
// holds it (a label's statement is its last child).
clang::Stmt *labelledStatement(clang::Stmt *s);
clang::Stmt **labelledSlot(clang::Stmt *&s);
// A local that Clang cannot emit twice in a cleanup (Hoist.cpp leaves it
// where it is).
bool needsOneCopy(const clang::VarDecl *vd);

// Shapes.cpp: the loop and goto shapes the bounds read, what a guard
// reads (model.h), and the variables a variably modified type's sizes
// read.
// Whether braces CS can be spliced into the block around them: they
// declare nothing and hold no native `_Defer`.
bool opensNoScope(const clang::CompoundStmt *cs);
defer_rules::Comparison loopTest(const Scan &scan, const clang::Expr *cond);
int steppedVar(const Scan &scan, const clang::Stmt *step);
int bodySteppedVar(const Scan &scan, const clang::Stmt *body);
defer_rules::Comparison countedGotoTest(const Scan &scan,
                                        const clang::Expr *cond);
defer_rules::Guard guardFacts(const Scan &scan, const clang::Expr *cond,
                              unsigned at);
std::vector<int> sizeVars(const Scan &scan, clang::QualType type);

} // namespace defer_clang

#endif
