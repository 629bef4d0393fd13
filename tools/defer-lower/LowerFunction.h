// SPDX-License-Identifier: MIT
// Lowering one function with `defer` to plain C, as edits of its text.

#ifndef DEFER_LOWER_LOWER_FUNCTION_H
#define DEFER_LOWER_LOWER_FUNCTION_H

#include "FunctionText.h"

namespace defer_lower {

// Scan FN as the plugin does, give the shared rules' diagnostics, and
// rewrite its body in RW.  False after an error.
bool lowerFunction(defer_clang::PluginState &state, clang::ASTContext &ctx,
                   clang::FunctionDecl *fn, clang::Rewriter &rw,
                   FileNeeds &needs);

} // namespace defer_lower

#endif
