// SPDX-License-Identifier: MIT
/* The analysis of analysis.h.  */

#include "analysis.h"

#include "bounds.h"
#include "check.h"
#include "copies.h"
#include "guards.h"
#include "scoped.h"

namespace defer_rules {

Analysis
analyse (const Function &fn)
{
  Analysis a;
  check_statements (fn, a.diagnostics);
  check_scoped (fn, a.diagnostics);
  a.computed_goto = has_computed_goto (fn);
  a.cycles = backward_cycles (fn);
  std::vector<std::vector<int>> copies
    = choose_copies (fn, a.cycles, a.diagnostics);
  Bounds bounds = bound_sites (fn, a.cycles, a.computed_goto);
  for (unsigned i = 0; i < fn.sites.size (); i++)
    {
      const Site &s = fn.sites[i];
      SiteAnalysis sa;
      sa.in_loop = s.loop != none;
      for (const Cycle &c : a.cycles)
	sa.in_goto_cycle |= c.holds (s.at);
      sa.max_runs = sa.in_loop || sa.in_goto_cycle ? bounds.site_runs[i] : 1;
      sa.copies = std::move (copies[i]);
      sa.stable_guard = s.guard != none
			&& guard_is_stable (fn, fn.guards[s.guard]);
      a.sites.push_back (std::move (sa));
    }
  sort_by_position (a.diagnostics);
  return a;
}

} // namespace defer_rules
