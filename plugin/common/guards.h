/* SPDX-License-Identifier: MIT */
/* `if (c) defer X;` in the open-coded lowering: the `defer` registers
   whenever the `if` is reached and the exit tests c again, as
   hand-written cleanup code does, when that test is sure to give the same
   result.  It is when c is pure (model.h: constants, this function's
   variables, operators without side effects) and nothing can change the
   variables it reads after the `if`: no write after it in the function's
   text and none in any deferred block (which may run before the test),
   no address taken, not volatile, and no nested function that could
   write them.  */

#ifndef DEFER_GUARDS_H
#define DEFER_GUARDS_H

#include "model.h"

namespace defer_rules {

bool guard_is_stable (const Function &fn, const Guard &g);

} // namespace defer_rules

#endif
