// SPDX-License-Identifier: MIT
// The front end of defer-lower: the Clang plugin's own, in the tool's
// compiler instance, so `defer` and `_Defer` parse and are checked as
// under clang -fplugin; each function with either is then lowered as
// text.

#ifndef DEFER_LOWER_FRONTEND_H
#define DEFER_LOWER_FRONTEND_H

#include "clang/Tooling/Tooling.h"

#include <memory>
#include <string>

namespace defer_lower {

// The lowered text of the file the action ran on; empty after an error.
struct Lowered {
  std::string text;
  bool failed = false;
};

std::unique_ptr<clang::tooling::FrontendActionFactory>
lowerActionFactory(Lowered &out);

} // namespace defer_lower

#endif
