// SPDX-License-Identifier: MIT
/* The bounds of bounds.h.  */

#include "bounds.h"

#include <climits>

namespace defer_rules {

void
RunBound::times (unsigned long n)
{
  /* Each factor is checked first, so that the product cannot wrap.  */
  const unsigned long most = max_counted_runs;
  runs_ = n > most || runs_ * n > most ? 0 : runs_ * n;
}

namespace {

/* V, a variable of the function with a constant initialiser, is written
   exactly STEPS times in the function's text (by its steps) and in no way
   the scan cannot see.  */
bool
is_counter (const Function &fn, int v, unsigned steps)
{
  const Variable &var = fn.vars[v];
  if (!var.integer || !var.constant_init || var.address_taken
      || var.is_volatile)
    return false;
  unsigned writes = 0;
  for (const Write &w : fn.writes)
    if (w.var == v && (w.kind == WriteKind::address || ++writes > steps))
      return false;
  return writes == steps;
}

/* Whether V, counting up, reaches TO without wrapping: TO fits its
   type.  */
bool
reaches (const Variable &var, long long to)
{
  if (var.precision >= 64)
    return var.is_signed || to >= 0;
  long long max = var.is_signed ? (1LL << (var.precision - 1)) - 1
				: (long long) ((1ULL << var.precision) - 1);
  return to <= max;
}

/* The exclusive upper limit of TEST, in *TO; false if there is none.  */
bool
exclusive_limit (const Comparison &test, long long *to)
{
  *to = test.limit;
  if (test.op != Comparison::le)
    return true;
  if (*to == LLONG_MAX)
    return false;
  ++*to;
  return true;
}

/* Runs from FROM up to TO (exclusive), at least one.  */
unsigned long
runs_between (long long from, long long to)
{
  if (to <= from)
    return 1;
  return (unsigned long long) to - (unsigned long long) from;
}

unsigned long
count_trips (const Function &fn, const Loop &l)
{
  const Comparison &test = l.test;
  if (l.step_var == none || test.var != l.step_var || !test.exact
      || !is_counter (fn, l.step_var, 1))
    return 0;
  const Variable &i = fn.vars[l.step_var];
  long long to;
  if (!exclusive_limit (test, &to) || !reaches (i, to))
    return 0;
  /* != must not have to pass the limit to get there.  */
  if (test.op == Comparison::ne && to < i.init)
    return 0;
  return runs_between (i.init, to);
}

/* How often the code between the label of C and its last goto back can
   run per entry (see bounds.h).  */
unsigned long
count_passes (const Function &fn, const Cycle &c)
{
  if (entered_otherwise (fn, c.start, c.end)
      || splits_a_loop (fn, c.start, c.end))
    return 0;
  int counter = none;
  long long limit = LLONG_MIN;
  unsigned steps = 0;
  for (const Goto &g : fn.gotos)
    {
      if (g.label != c.label)
	continue;
      const Comparison &test = g.counted;
      long long to;
      if (test.var == none || !test.exact || test.op == Comparison::ne
	  || (counter != none && test.var != counter)
	  || !exclusive_limit (test, &to) || !reaches (fn.vars[test.var], to))
	return 0;
      counter = test.var;
      limit = to > limit ? to : limit;
      steps++;
    }
  /* Declared after the label, the counter would start again at every
     pass.  */
  if (counter == none || !is_counter (fn, counter, steps)
      || fn.vars[counter].declared_at >= c.start)
    return 0;
  return runs_between (fn.vars[counter].init, limit);
}

} // namespace

Bounds
bound_sites (const Function &fn, const std::vector<Cycle> &cycles,
	     bool computed_goto)
{
  Bounds b;
  for (const Loop &l : fn.loops)
    b.loop_trips.push_back (
      computed_goto || entered_otherwise (fn, l.body_first, l.body_last)
	? 0 : count_trips (fn, l));
  for (const Cycle &c : cycles)
    b.cycle_passes.push_back (computed_goto ? 0 : count_passes (fn, c));
  for (const Site &s : fn.sites)
    {
      RunBound bound;
      for (int i = s.loop; i != none; i = fn.loops[i].parent)
	{
	  unsigned long trips = b.loop_trips[i];
	  /* The condition and step run once more than the body.  */
	  if (i == s.loop && s.in_loop_header && trips)
	    trips++;
	  bound.times (trips);
	}
      for (unsigned k = 0; k < cycles.size (); k++)
	if (cycles[k].holds (s.at))
	  bound.times (b.cycle_passes[k]);
      b.site_runs.push_back (bound.runs ());
    }
  return b;
}

} // namespace defer_rules
