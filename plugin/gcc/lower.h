/* Lowering a function with `defer` (SEMANTICS.md section 7).

     T f (...)                       T f (...)
     {                               {
       A;                              T __defer_rv = 0;
       defer X;                        <state of the strategy>
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

   Two strategies fill in the <...> parts:
   - mask (lower-mask.cc), the open-coded lowering: `mask |= bit` to
     register, `if (mask & bit) X;` per site in the finally;
   - records (lower-records.cc): push a record per registration, pop and
     dispatch on its site number in the finally.  */

#ifndef DEFER_LOWER_H
#define DEFER_LOWER_H

#include "scan.h"

/* What a strategy adds to the function.  */
struct lowering
{
  tree fndecl;
  tree outer;			/* the outermost BIND_EXPR */
  tree prologue;		/* statements before the try */
  tree finally;			/* the finally block */
};

/* Lower SCAN.fndecl as D says.  Fills in the record sizes of FACTS.  */
void lower_function (defer_scan *scan, defer_rules::FunctionFacts *facts,
		     const defer_rules::Decision &d);

/* Helpers shared by the strategies.  */
tree make_local (tree fndecl, const char *name, tree type);
void append_var (tree bind, tree decl);
tree build_assign (tree lhs, tree rhs, location_t loc = UNKNOWN_LOCATION);
/* Never inline FNDECL: libdefer tells a function by its stack frame (pool
   marks compare their stack positions; a recover returns from the frame
   to its caller).  */
void keep_own_stack_frame (tree fndecl);

void lower_with_mask (defer_scan *scan, lowering *l);
void lower_with_records (defer_scan *scan, defer_rules::FunctionFacts *facts,
			 lowering *l);

#endif
