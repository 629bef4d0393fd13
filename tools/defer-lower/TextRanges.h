// SPDX-License-Identifier: MIT
// Where the pieces of a statement are in the file's text, for edits that
// keep everything else as written.  Code that a macro expands to has no
// text of its own: these give an invalid location or range for it, and
// the caller says so with a diagnostic.

#ifndef DEFER_LOWER_TEXT_RANGES_H
#define DEFER_LOWER_TEXT_RANGES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"

#include <string>

namespace defer_lower {

// The token at LOC in the file: LOC itself, the argument of a macro it was
// written in, or the name of a macro written in the file that expands to
// it alone (`defer_result`).  Invalid otherwise.
clang::CharSourceRange tokenInFile(const clang::ASTContext &ctx,
                                   clang::SourceLocation loc);

// The last token of statement S as written: its `;`, or the `}` of the
// block that ends it.  Invalid inside a macro.
clang::SourceLocation statementEnd(const clang::ASTContext &ctx,
                                   const clang::Stmt *s);

// S from its first to its last token, `;` included, when both are
// written in the file.
clang::SourceRange statementRange(const clang::ASTContext &ctx,
                                  const clang::Stmt *s);

// `#line` for the code moved from LOC, so that __LINE__ and the
// compiler's messages keep the lines of the original.
std::string lineDirective(const clang::ASTContext &ctx,
                          clang::SourceLocation loc);

// A declaration of NAME with type T, as C writes it (`int (*name)[3]`).
std::string declaration(const clang::ASTContext &ctx, clang::QualType t,
                        const std::string &name);

} // namespace defer_lower

#endif
