/* The decision rules of defer-rules.h: which lowering a function gets and
   how the report and the errors word it.  */

#include "defer-rules.h"

#include <algorithm>

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

Storage
choose_storage (const FunctionFacts &fn, unsigned site)
{
  const SiteFacts &s = fn.sites[site];
  /* After a longjmp back into the function, or a computed goto, any site
     may run again.  */
  if (fn.calls_setjmp || fn.has_computed_goto)
    return Storage::pool;
  if (!s.in_loop && !s.in_goto_cycle)
    return Storage::frame;
  if (s.max_runs > 0 && s.max_runs * s.record_size <= max_frame_array_bytes)
    return Storage::frame_array;
  return Storage::pool;
}

bool
shares_one_array (const FunctionFacts &fn, unsigned long *slots)
{
  if (fn.calls_setjmp || fn.sites.size () > max_open_coded_sites)
    return false;
  unsigned long n = 0, bytes = 0, widest = 0;
  for (unsigned i = 0; i < fn.sites.size (); i++)
    {
      const SiteFacts &s = fn.sites[i];
      Storage storage = choose_storage (fn, i);
      if (storage == Storage::pool)
	return false;
      unsigned long runs = storage == Storage::frame ? 1 : s.max_runs;
      n += runs;
      bytes += runs * s.record_size;
      widest = std::max (widest, s.record_size);
    }
  *slots = n;
  return n * widest <= std::max (2 * bytes, max_frame_array_bytes);
}

unsigned long
frame_buffer_bytes (const FunctionFacts &fn)
{
  if (fn.calls_setjmp)
    return 0;
  for (unsigned i = 0; i < fn.sites.size (); i++)
    if (choose_storage (fn, i) == Storage::pool)
      return frame_buffer_size;
  return 0;
}

static std::string
join_quoted (const std::vector<std::string> &names)
{
  std::string out;
  for (const std::string &n : names)
    out += (out.empty () ? "" : ", ") + quoted (n);
  return out;
}

static std::string
describe_storage (const FunctionFacts &fn, unsigned site)
{
  const SiteFacts &s = fn.sites[site];
  std::string size = std::to_string (s.record_size) + "-byte record";
  std::string where;
  switch (choose_storage (fn, site))
    {
    case Storage::frame:
      where = "; its " + size + " lives in the frame (it runs at most once)";
      break;
    case Storage::frame_array:
      where = "; its " + size + "s live in the frame (at most "
	      + std::to_string (s.max_runs) + ", a bound its loop counters prove)";
      break;
    case Storage::pool:
      if (unsigned long n = frame_buffer_bytes (fn))
	where = "; its " + size + "s come from a " + std::to_string (n)
		+ "-byte buffer in the frame, then from the per-thread pool (";
      else
	where = "; its " + size + "s come from the per-thread pool (";
      where += std::string ("")
	      + (fn.calls_setjmp ? std::string ("a longjmp may re-run it")
		 : fn.has_computed_goto
		   ? std::string ("a computed goto may re-run it")
		 : s.max_runs ? std::string ("too many for the frame")
			      : std::string ("no bound on how many"))
	      + ")";
      break;
    }
  if (!s.copies.empty ())
    where += "; copies " + join_quoted (s.copies) + " when it registers";
  return where;
}

std::string
describe_site (const FunctionFacts &fn, const Decision &d, unsigned site)
{
  if (d.lowering == Lowering::open_coded)
    return "'defer' is open-coded as bit " + std::to_string (site)
	   + " of the defer mask: every 'defer' in " + quoted (fn.name)
	   + " runs at most once per call";
  return "'defer' uses run-time records: " + runtime_reason (fn, d, site)
	 + describe_storage (fn, site);
}

std::string
vla_in_deferred_block (const std::string &name)
{
  return "variable-length array " + quoted (name)
	 + " is declared in an inner block and cannot be used by a deferred "
	   "block";
}

std::string
vla_copy (const std::string &name)
{
  return "variable-length array " + quoted (name)
	 + " cannot be copied for a 'defer' that may run many times per call";
}

std::string
copied_then_assigned (const std::string &name)
{
  return "assignment to " + quoted (name)
	 + " after the 'defer' that copies it does not change the deferred "
	   "block's copy";
}

std::string
copied_then_address_taken (const std::string &name)
{
  return "address of " + quoted (name)
	 + " taken after the 'defer' that copies it; the deferred block uses "
	   "its own copy";
}

std::string
note_copied_here (const std::string &name)
{
  return quoted (name) + " is copied here, when the 'defer' registers";
}

} // namespace defer_rules
