/* SPDX-License-Identifier: MIT */
/* How many times a `defer` can register per call: the product of the
   trip counts of its loops and the passes of its goto cycles, where each
   is proven (the escape analysis' input: a bounded site's records can
   live in the frame).

   A loop is counted when it steps a counter i by one towards a constant:
     for (... ; i < B; i++)              (or <=, !=, ++i)
     while (i < B) { i++; ... }
     do { i++; ... } while (i < B);
   and i, a variable of the function with a constant initialiser A, is
   written nowhere else in the function (asm outputs included), never has
   its address taken and is not volatile, and the comparison sees i's own
   value (no conversion that changes values).  Then each time the loop is
   entered i is at least A, and the body runs at most B - A times (at most
   once when B <= A: a do loop's first pass); code in its condition or
   step runs at most once more.  B must fit i's type, or i would wrap
   before reaching it.  Ways to run the body more often break the count: a
   goto from outside into the body, a case label of an outer switch inside
   it, a backward goto from the body to before it, and computed gotos.

   A cycle of backward gotos bounds its defers the same way when each of
   its gotos is `if (++g < K) goto L;` (or <=) with one such counter g,
   declared before L, and nothing else can enter its code or run a loop
   only partly inside it.  */

#ifndef DEFER_BOUNDS_H
#define DEFER_BOUNDS_H

#include "model.h"
#include "spans.h"

#include <vector>

namespace defer_rules {

/* Counts above this are not counted (a frame array that large would be
   refused anyway); 0 means unknown.  */
constexpr unsigned long max_counted_runs = 1UL << 20;

/* The product of how often each enclosing loop or cycle can run, 0 once
   any is unknown or the product is too big to count.  */
class RunBound
{
public:
  void times (unsigned long n);
  unsigned long runs () const { return runs_; }
private:
  unsigned long runs_ = 1;
};

struct Bounds
{
  std::vector<unsigned long> loop_trips;   /* per loop, 0 if unknown */
  std::vector<unsigned long> cycle_passes; /* per cycle, 0 if unknown */
  std::vector<unsigned long> site_runs;	   /* per site, 0 if unknown */
};

Bounds bound_sites (const Function &fn, const std::vector<Cycle> &cycles,
		    bool computed_goto);

} // namespace defer_rules

#endif
