// SPDX-License-Identifier: MIT
// A function that releases its resources on a shared exit path, one label
// or a ladder of them
//
//   T *p = NULL;  FILE *f = NULL;  ...  goto out;  ...
//   out:
//     if (f) fclose(f);
//     free(p);
//     return ret;
//
// and whether it can be rewritten with `defer` (a `defer` where each
// release registers for exactly the gotos that ran it, `return ret;` for
// each `goto out;`) with the same behaviour on every path.

#ifndef DEFER_MIGRATE_EXIT_PATH_H
#define DEFER_MIGRATE_EXIT_PATH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Rewrite/Core/Rewriter.h"

#include <string>
#include <vector>

namespace defer_migrate {

struct Verdict {
  bool candidate = false; // a label at the end, releasing something
  bool converted = false;
  std::string label;               // the first label of the exit path
  std::vector<std::string> labels; // all of them, in order
  bool guarded = false; // a deferred block tests defer_result (<defer.h>)
  std::string reason; // why it was refused
  unsigned line = 0;  // of the label
};

// Look at FN; when it can be converted, make the edits in RW.
Verdict migrateFunction(clang::ASTContext &ctx, clang::FunctionDecl *fn,
                        clang::Rewriter &rw);

} // namespace defer_migrate

#endif
