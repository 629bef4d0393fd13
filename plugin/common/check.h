/* SPDX-License-Identifier: MIT */
/* What a deferred block may not do, and where a `defer` may not be: the
   errors of the language reference's "Diagnostics" table, found on the
   model (model.h).  */

#ifndef DEFER_CHECK_H
#define DEFER_CHECK_H

#include "diagnostics.h"
#include "model.h"

namespace defer_rules {

/* Jumps into and out of deferred blocks (return, break, continue, goto,
   computed goto, case labels), a `defer` inside a deferred block or an
   OpenMP construct, an OpenMP construct inside a deferred block,
   defer_result outside a deferred block or in a void function, and the
   empty-body warning.  Appends to OUT.  */
void check_statements (const Function &fn, Diagnostics &out);

/* Whether the function has a computed goto outside its deferred blocks:
   control may then reach any label whose address is taken.  */
bool has_computed_goto (const Function &fn);

} // namespace defer_rules

#endif
