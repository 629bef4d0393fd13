/* SPDX-License-Identifier: MIT */
/* Rules over positions (model.h): how code between two positions can be
   reached, and the cycles that backward gotos make.  */

#ifndef DEFER_SPANS_H
#define DEFER_SPANS_H

#include "model.h"

#include <vector>

namespace defer_rules {

/* Whether the code from position FIRST to LAST can run other than by
   falling into it: a goto from outside into it, a goto from it to a label
   before it (from where it is reached again), a case label in it of a
   switch outside it.  Computed gotos are not looked at.  */
bool entered_otherwise (const Function &fn, unsigned first, unsigned last);

/* Whether a loop is partly inside FIRST..LAST without enclosing it.  */
bool splits_a_loop (const Function &fn, unsigned first, unsigned last);

/* A cycle made by backward gotos to one label, outside deferred blocks:
   from the label to the last goto back to it.  */
struct Cycle
{
  int label;
  unsigned start, end;

  bool holds (unsigned at) const { return start <= at && at <= end; }
};
std::vector<Cycle> backward_cycles (const Function &fn);

/* The innermost cycle holding both A and B, or null.  */
const Cycle *cycle_holding (const std::vector<Cycle> &cycles, unsigned a,
			    unsigned b);

} // namespace defer_rules

#endif
