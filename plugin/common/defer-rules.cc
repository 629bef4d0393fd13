/* The decision rules of defer-rules.h: which lowering a function gets and
   how the report and the errors word it.  */

#include "defer-rules.h"

namespace defer_rules {

static int
first_site (const FunctionFacts &fn, bool SiteFacts::*flag)
{
  for (unsigned i = 0; i < fn.sites.size (); i++)
    if (fn.sites[i].*flag)
      return (int) i;
  return -1;
}

Decision
choose_lowering (const FunctionFacts &fn)
{
  int site = first_site (fn, &SiteFacts::in_loop);
  if (site >= 0)
    return {Lowering::runtime_records, Reason::site_in_loop, site};
  site = first_site (fn, &SiteFacts::in_goto_cycle);
  if (site >= 0)
    return {Lowering::runtime_records, Reason::site_in_goto_cycle, site};
  if (fn.has_computed_goto)
    return {Lowering::runtime_records, Reason::computed_goto};
  if (fn.calls_setjmp)
    return {Lowering::runtime_records, Reason::calls_setjmp};
  if (fn.sites.size () > max_open_coded_sites)
    return {Lowering::runtime_records, Reason::too_many_sites};
  return {Lowering::open_coded, Reason::every_site_runs_once};
}

static std::string
quoted (const std::string &s)
{
  return "'" + s + "'";
}

/* Why the function needs run-time records, as seen from SITE.  */
static std::string
runtime_reason (const FunctionFacts &fn, const Decision &d, unsigned site)
{
  std::string who = (d.culprit_site == (int) site)
    ? std::string ("this 'defer'")
    : "the 'defer' at line " + std::to_string (fn.sites[d.culprit_site].line);
  switch (d.reason)
    {
    case Reason::site_in_loop:
      return who + " is inside a loop and may run many times per call";
    case Reason::site_in_goto_cycle:
      return who + " is inside a cycle made by a backward 'goto'";
    case Reason::computed_goto:
      return quoted (fn.name) + " uses a computed 'goto'";
    case Reason::calls_setjmp:
      return quoted (fn.name) + " calls 'setjmp'";
    case Reason::too_many_sites:
      return quoted (fn.name) + " has more than "
	     + std::to_string (max_open_coded_sites) + " 'defer' statements";
    case Reason::every_site_runs_once:
      break;
    }
  return "";
}

std::string
describe_site (const FunctionFacts &fn, const Decision &d, unsigned site)
{
  if (d.lowering == Lowering::open_coded)
    return "'defer' is open-coded as bit " + std::to_string (site)
	   + " of the defer mask: every 'defer' in " + quoted (fn.name)
	   + " runs at most once per call";
  return "'defer' uses run-time records: " + runtime_reason (fn, d, site);
}

std::string
runtime_not_supported_yet (const FunctionFacts &fn, const Decision &d,
			   unsigned site)
{
  return "'defer' needing run-time records is not supported yet: "
	 + runtime_reason (fn, d, site);
}

std::string
vla_in_deferred_block (const std::string &name)
{
  return "variable-length array " + quoted (name)
	 + " is declared in an inner block and cannot be used by a deferred "
	   "block";
}

} // namespace defer_rules
