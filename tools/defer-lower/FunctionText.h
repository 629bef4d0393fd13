// SPDX-License-Identifier: MIT
// What the steps of lowering one function's text share (LowerFunction.cpp,
// Hoisting.cpp): the function as the plugin's scan and the shared rules
// see it, and the edits made so far.

#ifndef DEFER_LOWER_FUNCTION_TEXT_H
#define DEFER_LOWER_FUNCTION_TEXT_H

#include "Lower.h"
#include "Scan.h"

#include "clang/Rewrite/Core/Rewriter.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace defer_lower {

// What the file's prelude must declare (Prelude.h).
struct FileNeeds {
  bool records = false;  // libdefer's records and their copies
  bool memcpy = false;   // copies of arrays
  bool noinline = false; // functions that libdefer tells by their frame
};

using References =
    std::map<const clang::VarDecl *, std::vector<clang::DeclRefExpr *>>;

// Whether S calls what unwinds a function (a panic, pthread_exit,
// pthread_cancel), which plain C does not run deferred code for.
bool unwindsHere(clang::Stmt *s);

// The variables S names, with every place it names each.
References collectReferences(clang::Stmt *s);

struct FunctionText {
  clang::ASTContext &ctx;
  clang::Rewriter &rw;
  defer_clang::Scan &scan;
  const defer_rules::Analysis &a;
  const defer_rules::Plan &p;
  FileNeeds &needs;
  bool ok = true;
  // Tokens replaced so far: a macro argument used twice is one token.
  std::set<unsigned> replaced;

  // An error at LOC: the function cannot be lowered as written.
  void fail(clang::SourceLocation loc, const std::string &what);
  // Replace the token that LOC stands for; fails with WHAT otherwise.
  void replaceToken(clang::SourceLocation loc, const std::string &text,
                    const std::string &what);
  // The text of RANGE (tokens) with the edits made in it so far.
  std::string text(clang::SourceRange range) const;
  bool copiedBy(unsigned site, int var) const;
  // Whether the type of VD can be written at the top of the function: it
  // names no tag or typedef declared inside it and no unnamed struct.
  bool typeWritableAtTop(const clang::VarDecl *vd);
};

// Hoisting.cpp: the locals of inner blocks that deferred blocks name by
// reference move to the function's outermost block, renamed, so the
// blocks still see them at the exit; gives their declarations.
std::string hoistNamedLocals(FunctionText &ft, const References &refs);

} // namespace defer_lower

#endif
