/* SPDX-License-Identifier: MIT */
/* Lowering a function with `defer` as its plan says
   (plugin/common/plan.h); the lowering decides nothing.

     T f (...)                       T f (...)
     {                               {
       A;                              T __defer_rv = 0;
       defer X;                        <state of the shape>
       B;                              try {
       if (c) return e;     ==>          A; <register X>;
       defer Y;                          B; if (c) { __defer_rv = e; goto done; }
       return g;                         <register Y>;
     }                                   __defer_rv = g; goto done;
                                       } finally {
                                         <run what is registered, newest first>
                                       }
                                       done: return __defer_rv;
                                     }

   Returns store into __defer_rv, so the value is computed before the
   deferred blocks run and `defer_result` (which becomes __defer_rv) can
   change it.  Locals of inner blocks that a deferred block names move to
   the outermost block so they live until the function returns.

   The shapes fill in the <...> parts:
   - native sites (lower-native.cc): no state; each `defer X; S...` in
     the outermost block becomes `try { S... } finally { X }`, the
     cleanup-attribute shape, and no outer try;
   - mask (lower-mask.cc): `mask |= bit` to register, `if (mask & bit) X;`
     per site in the finally;
   - records (lower-records.cc): push a record per registration, pop and
     dispatch on its site number in the finally.  */

#ifndef DEFER_LOWER_H
#define DEFER_LOWER_H

#include "analysis.h"
#include "build.h"
#include "plan.h"
#include "scan.h"

namespace defer_gcc {

/* What a shape adds to the function.  */
struct lowering
{
  defer_scan *scan;
  const defer_rules::Analysis *analysis;
  const defer_rules::Plan *plan;
  tree fndecl;
  tree outer;			/* the outermost BIND_EXPR */
  tree prologue;		/* statements before the try */
  tree finally;			/* the finally block; null: no outer try */
};

void lower_function (defer_scan *scan, const defer_rules::Analysis &a,
		     const defer_rules::Plan &p);

void lower_native (lowering *l);
void lower_with_mask (lowering *l);
void lower_with_records (lowering *l);

/* The if of `if (c) defer X;` when the exit tests c again: c, else
   null.  */
tree exit_guard (const lowering &l, unsigned site);

} // namespace defer_gcc

#endif
