// SPDX-License-Identifier: MIT
// A function that releases its resources on a shared exit path
//
//   T *p = NULL;  FILE *f = NULL;  ...  goto out;  ...
//   out:
//     if (f) fclose(f);
//     free(p);
//     return ret;
//
// and whether it can be rewritten with `defer` (a `defer` after each
// declaration, `return ret;` for each `goto out;`) with the same behaviour
// on every path.

#ifndef DEFER_MIGRATE_EXIT_PATH_H
#define DEFER_MIGRATE_EXIT_PATH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Rewrite/Core/Rewriter.h"

#include <string>

namespace defer_migrate {

struct Verdict {
  bool candidate = false; // a label at the end, releasing something
  bool converted = false;
  std::string label;
  std::string reason; // why it was refused
  unsigned line = 0;  // of the label
};

// Look at FN; when it can be converted, make the edits in RW.
Verdict migrateFunction(clang::ASTContext &ctx, clang::FunctionDecl *fn,
                        clang::Rewriter &rw);

} // namespace defer_migrate

#endif
