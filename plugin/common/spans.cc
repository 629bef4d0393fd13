// SPDX-License-Identifier: MIT
/* The position rules of spans.h.  */

#include "spans.h"

#include <algorithm>
#include <map>

namespace defer_rules {

bool
entered_otherwise (const Function &fn, unsigned first, unsigned last)
{
  auto inside = [=] (unsigned at) { return first <= at && at <= last; };
  for (const Goto &g : fn.gotos)
    {
      if (g.label == none)
	continue;
      unsigned to = fn.labels[g.label].at;
      if ((inside (to) && !inside (g.at)) || (inside (g.at) && to < first))
	return true;
    }
  for (const Case &c : fn.cases)
    if (inside (c.at) && !inside (c.switch_at))
      return true;
  return false;
}

bool
splits_a_loop (const Function &fn, unsigned first, unsigned last)
{
  auto inside = [=] (unsigned at) { return first <= at && at <= last; };
  for (const Loop &l : fn.loops)
    if (inside (l.body_first) != inside (l.body_last)
	&& !(l.body_first < first && last <= l.body_last))
      return true;
  return false;
}

std::vector<Cycle>
backward_cycles (const Function &fn)
{
  std::map<int, unsigned> last_goto_back; /* label -> last goto */
  for (const Goto &g : fn.gotos)
    {
      if (g.label == none || g.site != none)
	continue;
      const Label &l = fn.labels[g.label];
      if (l.site == none && l.at < g.at)
	{
	  unsigned &end = last_goto_back[g.label];
	  end = std::max (end, g.at);
	}
    }
  std::vector<Cycle> cycles;
  for (const auto &label_end : last_goto_back)
    cycles.push_back ({label_end.first, fn.labels[label_end.first].at,
		       label_end.second});
  return cycles;
}

const Cycle *
cycle_holding (const std::vector<Cycle> &cycles, unsigned a, unsigned b)
{
  const Cycle *inner = nullptr;
  for (const Cycle &c : cycles)
    if (c.holds (a) && c.holds (b) && (!inner || c.start > inner->start))
      inner = &c;
  return inner;
}

} // namespace defer_rules
