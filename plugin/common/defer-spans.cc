/* The position rules of defer-spans.h.  */

#include "defer-spans.h"

#include <algorithm>
#include <map>

namespace defer_rules {

bool
entered_otherwise (const FunctionText &text, unsigned first, unsigned last)
{
  auto inside = [=] (unsigned order) {
    return first <= order && order <= last;
  };
  for (const Jump &j : text.jumps)
    if ((inside (j.to) && !inside (j.from))
	|| (inside (j.from) && j.to < first))
      return true;
  for (const FunctionText::Case &c : text.cases)
    if (inside (c.order) && !inside (c.switch_order))
      return true;
  return false;
}

bool
splits_a_loop (const FunctionText &text, unsigned first, unsigned last)
{
  auto inside = [=] (unsigned order) {
    return first <= order && order <= last;
  };
  for (const FunctionText::Span &body : text.loop_bodies)
    if (inside (body.first) != inside (body.last)
	&& !(body.first < first && last <= body.last))
      return true;
  return false;
}

std::vector<Cycle>
backward_cycles (const FunctionText &text)
{
  std::map<unsigned, unsigned> last_goto_back; /* label -> last goto */
  for (const Jump &j : text.jumps)
    if (!j.into_deferred_block && j.from > j.to)
      {
	unsigned &end = last_goto_back[j.to];
	end = std::max (end, j.from);
      }
  std::vector<Cycle> cycles;
  for (const auto &label_end : last_goto_back)
    cycles.push_back ({label_end.first, label_end.second, 0});
  return cycles;
}

void
RunBound::times (unsigned long n)
{
  /* Each factor is checked first, so that the product cannot wrap.  */
  const unsigned long most = 1UL << 20;
  runs_ = n > most || runs_ * n > most ? 0 : runs_ * n;
}

} // namespace defer_rules
