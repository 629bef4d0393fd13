// SPDX-License-Identifier: MIT
/* The rules of scoped.h.  Positions decide everything: a position is in
   a `_Defer`'s statement when it lies in (at, last], in its pending part
   when it lies in (last, scope_last].  */

#include "scoped.h"

#include "messages.h"

#include <set>

namespace defer_rules {

namespace {

bool
in_statement (const ScopedDefer &s, unsigned at)
{
  return s.at < at && at <= s.last;
}

bool
in_pending_part (const ScopedDefer &s, unsigned at)
{
  return s.last < at && at <= s.scope_last;
}

/* Where control is once the `_Defer` has run: its statement and the
   rest of its block.  */
bool
in_scope (const ScopedDefer &s, unsigned at)
{
  return s.at <= at && at <= s.scope_last;
}

/* Whether goto G may land outside the scope of S: at its label, or,
   computed, at any label whose address is taken.  */
bool
lands_outside (const Function &fn, const Goto &g, const ScopedDefer &s)
{
  if (g.label != none)
    return !in_scope (s, fn.labels[g.label].at);
  for (const Label &l : fn.labels)
    if (l.address_taken && !in_scope (s, l.at))
      return true;
  return false;
}

Note
here (const ScopedDefer &s, const char *text)
{
  return {s.where, text};
}

/* The notes for control going from FROM to TO: out of a statement, into
   one, past a `_Defer` into its pending part.  */
std::vector<Note>
jump_notes (const Function &fn, unsigned from, unsigned to)
{
  std::vector<Note> notes;
  for (const ScopedDefer &s : fn.scoped)
    if (in_statement (s, from) && !in_statement (s, to))
      notes.push_back (here (s, msg::note_exits));
  for (const ScopedDefer &s : fn.scoped)
    if (in_statement (s, to) && !in_statement (s, from))
      notes.push_back (here (s, msg::note_enters));
    else if (in_pending_part (s, to) && !in_scope (s, from))
      notes.push_back (here (s, msg::note_bypasses));
  return notes;
}

/* return anywhere in a statement (one in a Go-style deferred block is
   that block's error); break and continue that bind to the `_Defer`
   itself, whose expansion is a loop, or to a loop outside it.  */
void
check_exits (const Function &fn, Diagnostics &out)
{
  for (const Exit &e : fn.exits)
    for (const ScopedDefer &s : fn.scoped)
      {
	if (!in_statement (s, e.at))
	  continue;
	const char *text = nullptr;
	if (e.kind == Exit::return_stmt)
	  text = e.site == none ? msg::return_in_defer : nullptr;
	else if (e.target <= s.at)
	  text = e.kind == Exit::break_stmt ? msg::break_out_of_defer
					    : msg::continue_out_of_defer;
	if (text)
	  {
	    add_error (out, e.at, e.where, text, {here (s, msg::note_scoped_here)});
	    break;
	  }
      }
}

void
check_gotos (const Function &fn, Diagnostics &out)
{
  for (const Goto &g : fn.gotos)
    {
      if (g.to_enclosing_function)
	continue;
      if (g.label != none)
	{
	  std::vector<Note> notes
	    = jump_notes (fn, g.at, fn.labels[g.label].at);
	  if (!notes.empty ())
	    add_error (out, g.at, g.where, msg::goto_jump, notes);
	  continue;
	}
      /* A computed goto may reach every label whose address is taken.  */
      for (const Label &l : fn.labels)
	{
	  if (!l.address_taken)
	    continue;
	  std::vector<Note> notes = jump_notes (fn, g.at, l.at);
	  if (!notes.empty ())
	    {
	      add_error (out, g.at, g.where, msg::indirect_goto_jump, notes);
	      break;
	    }
	}
    }
}

void
check_cases (const Function &fn, Diagnostics &out)
{
  for (const Case &c : fn.cases)
    {
      std::vector<Note> notes = jump_notes (fn, c.switch_at, c.at);
      if (!notes.empty ())
	add_error (out, c.at, c.where, msg::case_jump, notes);
    }
}

void
check_statements (const Function &fn, Diagnostics &out)
{
  for (const ScopedDefer &s : fn.scoped)
    if (s.empty && !fn.compiler_checks_scoped)
      add_empty_body_warning (out, s.at, s.where);
  for (const Site &site : fn.sites)
    for (const ScopedDefer &s : fn.scoped)
      if (in_statement (s, site.at))
	{
	  add_error (out, site.at, site.where, msg::nested_defer,
	       {here (s, msg::note_scoped_here)});
	  break;
	}
}

void
check_jump_calls (const Function &fn, Diagnostics &out)
{
  for (const JumpCall &c : fn.jump_calls)
    for (const ScopedDefer &s : fn.scoped)
      if (in_statement (s, c.at))
	{
	  add_error (out, c.at, c.where,
		     msg::sjlj_in_defer ("'" + c.name + "'"));
	  break;
	}
}

/* A computed goto that may leave the block of a pending `_Defer`: GCC's cleanups and Clang 22's own `_Defer` do not run
   the statement on such a jump, so every compiler refuses it, as Clang
   refuses one out of the scope of a variable's cleanup.  */
void
check_computed_exits (const Function &fn, Diagnostics &out)
{
  for (const Goto &g : fn.gotos)
    {
      if (g.label != none || g.to_enclosing_function)
	continue;
      for (const ScopedDefer &s : fn.scoped)
	{
	  if (in_pending_part (s, g.at) && lands_outside (fn, g, s))
	    {
	      add_error (out, g.at, g.where, msg::indirect_goto_jump,
			 {here (s, msg::note_computed_exit)});
	      break;
	    }
	}
    }
}

/* Beside a Go-style defer, each `_Defer` of the outermost block runs
   once, as that block ends, after the Go-style blocks: a goto that
   leaves its pending part backwards, which would run it and come to it
   again, is refused rather than run it once.  */
void
check_outermost_cycles (const Function &fn, Diagnostics &out)
{
  if (fn.sites.empty ())
    return;
  for (const Goto &g : fn.gotos)
    for (const ScopedDefer &s : fn.scoped)
      {
	if (s.outermost && in_pending_part (s, g.at)
	    && lands_outside (fn, g, s))
	  {
	    add_error (out, g.at, g.where, msg::goto_back_past_outermost_scoped,
		       {here (s, msg::note_scoped_here)});
	    break;
	  }
      }
}

} // namespace

bool
sjlj_name (const std::string &name)
{
  static const std::set<std::string> names
    = {"__builtin_setjmp", "__builtin_longjmp", "setjmp",   "_setjmp",
       "sigsetjmp",	   "__sigsetjmp",	"longjmp",  "_longjmp",
       "siglongjmp"};
  return names.count (name) != 0;
}

void
check_scoped (const Function &fn, Diagnostics &out)
{
  if (fn.scoped.empty ())
    return;
  check_statements (fn, out);
  check_outermost_cycles (fn, out);
  check_computed_exits (fn, out);
  if (fn.compiler_checks_scoped)
    return;
  check_exits (fn, out);
  check_gotos (fn, out);
  check_cases (fn, out);
  check_jump_calls (fn, out);
}

} // namespace defer_rules
