// The two strategies of the lowering (Lower.cpp): each rewrites the marker
// loops of the sites and gives what goes before the body and the block
// that the DeferStmt runs at every exit.

#ifndef DEFER_CLANG_LOWER_H
#define DEFER_CLANG_LOWER_H

#include "Build.h"
#include "Scan.h"

#include "analysis.h"
#include "plan.h"

namespace defer_clang {

struct Parts {
  std::vector<clang::Stmt *> prologue; // declarations before the body
  std::vector<clang::Stmt *> finally;  // the DeferStmt's block
  clang::Expr *pending = nullptr;      // whether any block is still due
  bool native = false; // one DeferStmt per site, where it is (Lower.cpp)
};

Parts lowerWithMask(Builder &b, Scan &scan, const defer_rules::Plan &p);
// Hoist.cpp: move the locals of deferred blocks out of them; gives their
// declarations, for the function's outermost block.
std::vector<clang::Stmt *> hoistBlockLocals(Builder &b, Scan &scan);
Parts lowerWithRecords(Builder &b, Scan &scan, const defer_rules::Analysis &a,
                       const defer_rules::Plan &p);

// Diagnose.cpp: the shared rules' diagnostics, in Clang's style.
void giveDiagnostics(PluginState &state, clang::ASTContext &ctx,
                     const Scan &scan, const defer_rules::Diagnostics &diags);

} // namespace defer_clang

#endif
