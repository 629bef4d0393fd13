// SPDX-License-Identifier: MIT
/* The report of report.h.  */

#include "report.h"

namespace defer_rules {

namespace {

std::string
quoted (const std::string &s)
{
  return "'" + s + "'";
}

std::string
join_quoted (const Function &fn, const std::vector<int> &vars)
{
  std::string out;
  for (int v : vars)
    out += (out.empty () ? "" : ", ") + quoted (fn.vars[v].name);
  return out;
}

/* Why the function needs run-time records, as seen from SITE.  */
std::string
runtime_reason (const Function &fn, const Plan &p, unsigned site)
{
  std::string who = p.culprit_site == (int) site
    ? std::string ("this 'defer'")
    : "the 'defer' at line " + std::to_string (fn.sites[p.culprit_site]
						 .where.line);
  switch (p.reason)
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
pool_reason (const Function &fn, const Analysis &a, unsigned site)
{
  if (fn.calls_setjmp)
    return "a longjmp may re-run it";
  if (a.computed_goto)
    return "a computed goto may re-run it";
  return a.sites[site].max_runs ? "too many for the frame"
				: "no bound on how many";
}

std::string
describe_storage (const Function &fn, const Analysis &a, const Plan &p,
		  unsigned site)
{
  const SitePlan &s = p.sites[site];
  bool stacked = p.shape == Shape::records_stack;
  std::string size = std::to_string (stacked ? s.record.pool_bytes
					     : s.record.size)
		     + "-byte record";
  std::string where;
  if (stacked && s.storage != Storage::pool)
    where = "; its " + size + "s go where the pooled ones do, in one order "
	    "with them: a " + std::to_string (p.frame_buffer)
	    + "-byte buffer in the frame, then the per-thread pool";
  else switch (s.storage)
    {
    case Storage::frame:
      where = "; its " + size + " lives in the frame (it runs at most once)";
      break;
    case Storage::frame_array:
      where = "; its " + size + "s live in the frame (at most "
	      + std::to_string (s.slots) + ", a bound its loop counters prove)";
      break;
    case Storage::pool:
      if (p.frame_buffer)
	where = "; its " + size + "s come from a "
		+ std::to_string (p.frame_buffer)
		+ "-byte buffer in the frame, then from the per-thread pool (";
      else
	where = "; its " + size + "s come from the per-thread pool (";
      where += pool_reason (fn, a, site) + ")";
      break;
    }
  if (!a.sites[site].copies.empty ())
    where += "; copies " + join_quoted (fn, a.sites[site].copies)
	     + " when it registers";
  return where;
}

} // namespace

std::string
describe_site (const Function &fn, const Analysis &a, const Plan &p,
	       unsigned site)
{
  std::string once = ": every 'defer' in " + quoted (fn.name)
		     + " runs at most once per call";
  if (p.shape == Shape::native_sites)
    return "'defer' is open-coded as a cleanup where it stands" + once
	   + ", and stands in its outermost block";
  if (p.lowering == Lowering::open_coded)
    return "'defer' is open-coded as bit " + std::to_string (site)
	   + " of the defer mask" + once;
  return "'defer' uses run-time records: " + runtime_reason (fn, p, site)
	 + describe_storage (fn, a, p, site);
}

} // namespace defer_rules
