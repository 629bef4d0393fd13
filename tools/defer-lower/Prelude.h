// SPDX-License-Identifier: MIT
// The lines put before a lowered file.

#ifndef DEFER_LOWER_PRELUDE_H
#define DEFER_LOWER_PRELUDE_H

#include "FunctionText.h"

#include <string>

namespace defer_lower {

std::string prelude(const std::string &file, const FileNeeds &needs);

} // namespace defer_lower

#endif
