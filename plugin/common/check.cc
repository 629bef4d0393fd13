// SPDX-License-Identifier: MIT
/* The rules of check.h.  Each error points at the offending statement and
   has a note at the `defer` (or the construct) it concerns.  */

#include "check.h"

#include "messages.h"

namespace defer_rules {

namespace {

Note
note (const Site &s, const char *text)
{
  return {s.where, text};
}

void
check_sites (const Function &fn, Diagnostics &out)
{
  for (const Site &s : fn.sites)
    {
      if (s.parent != none)
	add_error (out, s.at, s.where, msg::nested_defer,
	       {note (fn.sites[s.parent], msg::note_enclosing_defer)});
      for (const OmpConstruct &o : fn.omp)
	if (o.site == none && o.at < s.at && s.at <= o.last)
	  {
	    add_error (out, s.at, s.where, msg::defer_in_omp,
		   {{o.where, msg::note_omp_here}});
	    break;
	  }
      if (s.empty)
	add_empty_body_warning (out, s.at, s.where);
    }
  for (const OmpConstruct &o : fn.omp)
    if (o.site != none)
      add_error (out, o.at, o.where, msg::omp_in_defer,
	     {note (fn.sites[o.site], msg::note_defer_here)});
}

/* return anywhere in a block; break and continue that bind to the
   `defer` itself (the loop its expansion makes) rather than to a loop or
   switch inside the block.  */
void
check_exits (const Function &fn, Diagnostics &out)
{
  for (const Exit &e : fn.exits)
    {
      if (e.site == none)
	continue;
      const Site &s = fn.sites[e.site];
      const char *text = nullptr;
      if (e.kind == Exit::return_stmt)
	text = msg::return_in_defer;
      else if (e.target <= s.at)
	text = e.kind == Exit::break_stmt ? msg::break_out_of_defer
					  : msg::continue_out_of_defer;
      if (text)
	add_error (out, e.at, e.where, text, {note (s, msg::note_defer_here)});
    }
}

void
check_cases (const Function &fn, Diagnostics &out)
{
  for (const Case &c : fn.cases)
    if (c.site != none && c.switch_site != c.site)
      add_error (out, c.at, c.where, msg::case_jump,
	     {note (fn.sites[c.site], msg::note_enters)});
}

/* A computed goto may reach every label whose address is taken: all of
   them must be in its own deferred block (or, for one outside deferred
   blocks, outside them too).  One error per goto.  */
void
check_computed_goto (const Function &fn, const Goto &g, Diagnostics &out)
{
  for (const Label &l : fn.labels)
    {
      if (!l.address_taken || l.site == g.site)
	continue;
      Note n = g.site != none ? note (fn.sites[g.site], msg::note_exits)
			      : note (fn.sites[l.site], msg::note_enters);
      add_error (out, g.at, g.where, msg::indirect_goto_jump, {n});
      return;
    }
}

void
check_gotos (const Function &fn, Diagnostics &out)
{
  for (const Goto &g : fn.gotos)
    {
      if (g.to_enclosing_function)
	{
	  if (g.site != none)
	    add_error (out, g.at, g.where, msg::goto_jump,
		   {note (fn.sites[g.site], msg::note_exits)});
	  continue;
	}
      if (g.label == none)
	{
	  check_computed_goto (fn, g, out);
	  continue;
	}
      const Label &l = fn.labels[g.label];
      if (g.site == l.site)
	continue;
      std::vector<Note> notes;
      if (g.site != none)
	notes.push_back (note (fn.sites[g.site], msg::note_exits));
      if (l.site != none)
	notes.push_back (note (fn.sites[l.site], msg::note_enters));
      add_error (out, g.at, g.where, msg::goto_jump, notes);
    }
}

void
check_results (const Function &fn, Diagnostics &out)
{
  for (const ResultUse &r : fn.results)
    if (!r.own || r.site == none)
      add_error (out, r.at, r.where, msg::result_outside_block);
    else if (fn.returns_void)
      add_error (out, r.at, r.where, msg::result_in_void_function);
}

} // namespace

void
check_statements (const Function &fn, Diagnostics &out)
{
  check_sites (fn, out);
  check_exits (fn, out);
  check_cases (fn, out);
  check_gotos (fn, out);
  check_results (fn, out);
}

bool
has_computed_goto (const Function &fn)
{
  for (const Goto &g : fn.gotos)
    if (g.label == none && !g.to_enclosing_function && g.site == none)
      return true;
  return false;
}

} // namespace defer_rules
