/* Compiler-neutral rules over positions in a function's text (the order in
   which a plugin's scan meets statements), for bounding loop defers: both
   plugins describe gotos, case labels and loops by their positions and
   ask these questions, so that they count alike.  What a counted loop or
   a counted goto looks like is for each plugin to match in its own
   trees.  */

#ifndef DEFER_SPANS_H
#define DEFER_SPANS_H

#include <vector>

namespace defer_rules {

/* A goto, from its position to its label's.  */
struct Jump
{
  unsigned from, to;
  bool into_deferred_block; /* the label is inside a deferred block */
};

/* Positions of the function's gotos (computed ones left out), of its case
   labels with their switches' starts, and of its loop bodies.  */
struct FunctionText
{
  std::vector<Jump> jumps;
  struct Case { unsigned order, switch_order; };
  std::vector<Case> cases;
  struct Span { unsigned first, last; };
  std::vector<Span> loop_bodies;
};

/* Whether the code from position FIRST to LAST can run other than by
   falling into it: a goto from outside into it, a goto from it to a label
   before it (from where it is reached again), a case label in it of a
   switch outside it.  */
bool entered_otherwise (const FunctionText &text, unsigned first,
			unsigned last);

/* Whether a loop is partly inside FIRST..LAST without enclosing it.  */
bool splits_a_loop (const FunctionText &text, unsigned first, unsigned last);

/* A cycle made by backward gotos to one label (outside deferred blocks):
   from the label to the last of them; how often its code can run per
   entry is for the plugin to fill in, 0 if unknown.  */
struct Cycle
{
  unsigned start, end;
  unsigned long passes;
};
std::vector<Cycle> backward_cycles (const FunctionText &text);

/* The product of how often each enclosing loop or cycle can run, 0 once
   any is unknown or the product too big to count.  */
class RunBound
{
public:
  void times (unsigned long n);
  unsigned long runs () const { return runs_; }
private:
  unsigned long runs_ = 1;
};

} // namespace defer_rules

#endif
