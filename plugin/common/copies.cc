// SPDX-License-Identifier: MIT
/* The rules of copies.h.  */

#include "copies.h"

#include "messages.h"

namespace defer_rules {

namespace {

/* Whether site S copies V: V is declared in a loop (which, by C's
   scoping, holds S) or in a cycle that holds S.  */
bool
copied (const Function &fn, const std::vector<Cycle> &cycles, const Site &s,
	int v)
{
  const Variable &var = fn.vars[v];
  return var.loop != none || cycle_holding (cycles, var.declared_at, s.at);
}

void
error (Diagnostics &out, const Site &s, std::string text)
{
  Diagnostic d;
  d.at = s.at;
  d.where = s.where;
  d.text = std::move (text);
  out.push_back (std::move (d));
}

/* What a pointer to a VLA's copy would need: none of its size variables
   copied too.  Errors for the first that is; true if none.  */
bool
sizes_by_reference (const Function &fn, const std::vector<Cycle> &cycles,
		    const Site &s, int v, Diagnostics &out)
{
  for (int size_var : fn.vars[v].size_vars)
    if (copied (fn, cycles, s, size_var))
      {
	error (out, s, vla_pointer_copy (fn.vars[v].name,
					 fn.vars[size_var].name));
	return false;
      }
  return true;
}

/* Where writes to V, copied by S, no longer reach the copy: after S, to
   the end of V's loop body, or of the cycle that copies it.  */
bool
reaches_copy_late (const Function &fn, const std::vector<Cycle> &cycles,
		   const Site &s, int v, const Write &w)
{
  const Variable &var = fn.vars[v];
  if (w.var != v || w.site != none || w.at <= s.at)
    return false;
  if (var.loop != none)
    {
      const Loop &l = fn.loops[var.loop];
      return l.body_first <= w.at && w.at <= l.body_last;
    }
  const Cycle *c = cycle_holding (cycles, var.declared_at, s.at);
  return c && w.at <= c->end;
}

void
warn_late_writes (const Function &fn, const std::vector<Cycle> &cycles,
		  const Site &s, int v, Diagnostics &out)
{
  for (const Write &w : fn.writes)
    {
      if (!reaches_copy_late (fn, cycles, s, v, w))
	continue;
      const std::string &name = fn.vars[v].name;
      Diagnostic d;
      d.warning = Warning::copy;
      d.at = w.at;
      d.where = w.where;
      d.text = w.kind == WriteKind::address ? copied_then_address_taken (name)
					     : copied_then_assigned (name);
      d.notes.push_back ({s.where, note_copied_here (name)});
      out.push_back (std::move (d));
    }
}

} // namespace

std::vector<std::vector<int>>
choose_copies (const Function &fn, const std::vector<Cycle> &cycles,
	       Diagnostics &out)
{
  std::vector<std::vector<int>> copies (fn.sites.size ());
  for (unsigned i = 0; i < fn.sites.size (); i++)
    {
      const Site &s = fn.sites[i];
      for (int v : s.names)
	{
	  const Variable &var = fn.vars[v];
	  bool copy = copied (fn, cycles, s, v);
	  if (var.vla)
	    {
	      if (copy)
		error (out, s, vla_copy (var.name));
	      else if (!var.outermost)
		error (out, s, vla_in_deferred_block (var.name));
	      continue;
	    }
	  if (!copy
	      || (var.variably_modified
		  && !sizes_by_reference (fn, cycles, s, v, out)))
	    continue;
	  copies[i].push_back (v);
	  warn_late_writes (fn, cycles, s, v, out);
	}
    }
  return copies;
}

} // namespace defer_rules
