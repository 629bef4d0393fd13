/* The open-coded lowering (SEMANTICS.md section 7).  */

#ifndef DEFER_LOWER_H
#define DEFER_LOWER_H

#include "scan.h"

/* Rewrite SCAN.fndecl:

     T f (...)                       T f (...)
     {                               {
       A;                              T __defer_rv = 0;    (if needed)
       defer X;                        uint __defer_mask = 0;
       B;                              try {
       if (c) return e;     ==>          A; __defer_mask |= 1;
       defer Y;                          B; if (c) { __defer_rv = e; goto done; }
       return g;                         __defer_mask |= 2;
     }                                   __defer_rv = g; goto done;
                                       } finally {
                                         if (__defer_mask & 2) Y;
                                         if (__defer_mask & 1) X;
                                       }
                                       done: return __defer_rv;
                                     }

   Each `__defer_result` in a deferred block becomes __defer_rv, and the
   locals of inner blocks that a deferred block names move to the
   outermost block so they live until the function returns.  */
void lower_open_coded (defer_scan *scan);

#endif
