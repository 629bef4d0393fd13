/* SPDX-License-Identifier: MIT */
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

// A function's new body as it is put together (Lower.cpp): the function's
// outermost block (OUTER, declarations first) around the old body's block
// (INNER), and what the layouts of LowerExits.cpp need.
struct Body {
  Builder &b;
  Scan &scan;
  const defer_rules::Plan &p;
  Parts &parts;
  clang::VarDecl *rv = nullptr;     // the return value; null in void ones
  clang::LabelDecl *done = nullptr; // where the returns now jump
  std::vector<clang::Stmt *> inner, outer;
  // Declarations whose cleanup the blocks took over, and their flags.
  std::vector<std::pair<clang::Stmt *, clang::VarDecl *>> cleanupFlags;
};

// LowerExits.cpp: the three layouts (the last two on DeferStmts, Clang 22).
void layoutJumpToEnd(Body &body);
void layoutOneCleanup(Body &body, bool recovers);
void layoutNative(Body &body, bool recovers);
// LowerCatch.cpp: the layout that unwinds without DeferStmts (Clang < 22).
void layoutCatch(PluginState &state, Body &body, bool recovers);
// LowerExits.cpp: a void function's returns jump to body.done.
void redirectVoidReturns(Body &body);
// LowerExits.cpp, for the native layouts: `return [f ()];` -> `[f ();]
// goto TO;`; the statements of the body's block with braces that open no
// scope and labelled statements spliced in; site K's block, under its
// guard where the exit tests it.
clang::Stmt *voidExit(Builder &b, clang::ReturnStmt *ret,
                      clang::LabelDecl *to);
void flattenInto(clang::Stmt *s, std::vector<clang::Stmt *> &out);
clang::Stmt *siteBlock(Builder &b, const defer_rules::Plan &p, unsigned k,
                       SiteTrees &s);
// LowerCatch.cpp: the native sites shape without DeferStmts.
void layoutNativeCatch(PluginState &state, Body &body, bool recovers);
// Lower.cpp: what they share.
void appendStatements(Body &body);
clang::VarDecl *declareNormal(Body &body);
void finishWithUnwinding(Body &body, clang::LabelDecl *unwind, bool recovers,
                         std::vector<clang::Stmt *> chain = {});
// LowerExits.cpp: after the return, for a panic: run what is pending,
// then return if a block recovered, or go on unwinding.
void unwindingPath(Builder &b, Parts &parts, clang::LabelDecl *unwind,
                   bool recovers, clang::VarDecl *rv,
                   std::vector<clang::Stmt *> &outer);
// Where a debugger stands once the deferred blocks have run: the cleanup
// of the newest variable whose `cleanup` attribute the blocks take over
// (Lower.cpp's takeOverCleanups), else the function's closing brace.
clang::SourceLocation afterBlocks(Builder &b, Scan &scan);
// Hoist.cpp: move the locals of deferred blocks out of them; gives their
// declarations, for the function's outermost block.
std::vector<clang::Stmt *> hoistBlockLocals(Builder &b, Scan &scan);
// The same for one statement S, run at more than one place.
void hoistLocalsOf(Builder &b, clang::Stmt *&s,
                   std::vector<clang::Stmt *> &decls);
Parts lowerWithRecords(Builder &b, Scan &scan, const defer_rules::Analysis &a,
                       const defer_rules::Plan &p);

// Diagnose.cpp: the shared rules' diagnostics, in Clang's style.
void giveDiagnostics(PluginState &state, clang::ASTContext &ctx,
                     const Scan &scan, const defer_rules::Diagnostics &diags);

} // namespace defer_clang

#endif
