/* SPDX-License-Identifier: MIT */
/* What the names in a deferred block mean (the language reference's
   "Names are by reference" and per-registration copies): a variable
   declared inside a loop, or inside a cycle of backward gotos, that also
   holds the `defer` is copied when the `defer` registers; every other
   variable is the function's own object, kept alive until the function
   returns.

   Variable-length arrays can be neither copied nor kept alive: only one
   of the function's outermost block may be named.  A pointer to a VLA is
   copied as a pointer; the array sizes in its type are read again when
   the block runs, so none of the variables they read may be copied
   itself.  A copied variable changed later in its loop body or cycle
   draws a warning: the deferred block keeps the copy.  */

#ifndef DEFER_COPIES_H
#define DEFER_COPIES_H

#include "diagnostics.h"
#include "model.h"
#include "spans.h"

#include <vector>

namespace defer_rules {

/* The variables each site copies, in the order its block names them;
   errors and warnings are appended to OUT.  */
std::vector<std::vector<int>> choose_copies (const Function &fn,
					     const std::vector<Cycle> &cycles,
					     Diagnostics &out);

} // namespace defer_rules

#endif
