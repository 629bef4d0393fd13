// SPDX-License-Identifier: MIT
// Block-scoped `_Defer` (docs/REFERENCE.md, "Block-scoped `_Defer`") as
// plain C, by edits of a function's text (ScopedDefer.cpp).

#ifndef DEFER_LOWER_SCOPED_DEFER_H
#define DEFER_LOWER_SCOPED_DEFER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Rewrite/Core/Rewriter.h"

#include "DeferPlugin.h"

#include <map>
#include <string>

namespace defer_lower {

// Whether a function has a `_Defer` (the plugin's rule).
using defer_clang::hasScopedDefer;

// What the `_Defer`s of a function with Go-style `defer` leave to the
// lowering of the rest (LowerFunction.cpp).
struct ScopedDefers {
  std::string top;     // declarations for the top of the function's body
  std::string finally; // the outermost block's `_Defer`s, newest first,
                       // for the exit path after the Go-style blocks
  // The returns that leave blocks with `_Defer`s: the jump to the first
  // statement to run, in place of the jump to the exit path.
  std::map<const clang::ReturnStmt *, std::string> leave;
};

// The `_Defer`s of FN, a function with Go-style `defer`, whose returns
// end at `__defer_done`.  False after an error.
bool lowerScopedDefers(clang::ASTContext &ctx, clang::Rewriter &rw,
                       clang::FunctionDecl *fn, ScopedDefers &out);

// FN, which has `_Defer`s and no Go-style `defer`, lowered whole.
bool lowerScopedFunction(clang::ASTContext &ctx, clang::Rewriter &rw,
                         clang::FunctionDecl *fn);

// `return e;` -> `{ __defer_rv = (e); JUMP }`: the value is computed
// before any deferred statement runs.  False inside a macro.
bool redirectReturn(clang::ASTContext &ctx, clang::Rewriter &rw,
                    clang::ReturnStmt *ret, bool returnsVoid,
                    const std::string &jump);

} // namespace defer_lower

#endif
