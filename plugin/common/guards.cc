// SPDX-License-Identifier: MIT
/* The rule of guards.h.  */

#include "guards.h"

namespace defer_rules {

static bool
unchanged_after (const Function &fn, int v, unsigned at)
{
  const Variable &var = fn.vars[v];
  if (var.address_taken || var.is_volatile)
    return false;
  for (const Write &w : fn.writes)
    if (w.var == v && (w.at > at || w.site != none))
      return false;
  return true;
}

bool
guard_is_stable (const Function &fn, const Guard &g)
{
  if (!g.pure || fn.has_nested_functions)
    return false;
  for (int v : g.vars)
    if (!unchanged_after (fn, v, g.at))
      return false;
  return true;
}

} // namespace defer_rules
