// SPDX-License-Identifier: MIT
/* The constraints of block-scoped `_Defer` (the TS's), on the model's
   scoped defers (model.h), in Clang 22's words for its own `_Defer`: no
   return, break or continue out of a deferred statement, no goto or case
   label into one, no jump into the part of a block where a `_Defer` is
   pending from outside it ("jump bypasses defer statement"), and the
   empty-body warning.  A Go-style `defer` inside a `_Defer`'s statement is
   refused as in a Go-style deferred block.  */

#ifndef DEFER_SCOPED_H
#define DEFER_SCOPED_H

#include "diagnostics.h"
#include "model.h"

namespace defer_rules {

/* Appends to OUT.  */
void check_scoped (const Function &fn, Diagnostics &out);

/* Whether NAME is one of the names of setjmp and longjmp that Clang
   refuses in a `_Defer`'s statement (glibc's setjmp is a macro for
   _setjmp).  */
bool sjlj_name (const std::string &name);

} // namespace defer_rules

#endif
