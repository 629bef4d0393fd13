/* SPDX-License-Identifier: MIT */
/* Hand-built models (plugin/common/model.h) for the unit tests: each
   helper adds one entity at the positions given and returns its id.  A
   Where's token is the position, so a diagnostic's place can be checked
   against the entity it should name.  */

#ifndef DEFER_UNIT_BUILDER_H
#define DEFER_UNIT_BUILDER_H

#include "model.h"

#include <string>
#include <vector>

namespace unit {

using namespace defer_rules;

inline Where
at_pos (unsigned at)
{
  return {at, at};
}

struct Builder
{
  Function fn;

  Builder () { fn.name = "f"; }

  int var (const std::string &name, unsigned at, int loop = none,
	   bool outermost = true)
  {
    Variable v;
    v.name = name;
    v.where = at_pos (at);
    v.declared_at = at;
    v.loop = loop;
    v.outermost = outermost && loop == none;
    v.integer = true;
    v.precision = 32;
    v.is_signed = true;
    fn.vars.push_back (v);
    return fn.vars.size () - 1;
  }

  /* `int NAME = INIT;` */
  int counter (const std::string &name, unsigned at, long long init,
	       int loop = none)
  {
    int v = var (name, at, loop);
    fn.vars[v].constant_init = true;
    fn.vars[v].init = init;
    return v;
  }

  void write (int v, unsigned at, WriteKind kind = WriteKind::assign,
	      int site = none)
  {
    fn.writes.push_back ({v, at, at_pos (at), kind, site});
  }

  int loop (Loop::Kind kind, unsigned at, unsigned body_first,
	    unsigned body_last, int parent = none)
  {
    Loop l;
    l.kind = kind;
    l.at = at;
    l.body_first = body_first;
    l.last = l.body_last = body_last;
    l.parent = parent;
    fn.loops.push_back (l);
    return fn.loops.size () - 1;
  }

  /* `for (...; V OP LIMIT; V++)`, or the same test and step of a while or
     do loop.  */
  void counts (int loop, int v, Comparison::Op op, long long limit,
	       bool exact = true)
  {
    fn.loops[loop].step_var = v;
    fn.loops[loop].test = {v, op, limit, exact};
  }

  int site (unsigned at, unsigned last, int loop = none,
	    std::vector<int> names = {})
  {
    Site s;
    s.at = at;
    s.last = last;
    s.where = at_pos (at);
    s.loop = loop;
    s.outermost = loop == none;
    s.names = std::move (names);
    fn.sites.push_back (s);
    if (fn.last < last)
      fn.last = last;
    return fn.sites.size () - 1;
  }

  int label (unsigned at, int site = none)
  {
    fn.labels.push_back ({at, site, false});
    return fn.labels.size () - 1;
  }

  int jump (unsigned at, int label, int site = none)
  {
    Goto g;
    g.at = at;
    g.where = at_pos (at);
    g.label = label;
    g.site = site;
    fn.gotos.push_back (g);
    return fn.gotos.size () - 1;
  }

  /* `if (++V OP LIMIT) goto LABEL;` */
  int counted_jump (unsigned at, int label, int v, Comparison::Op op,
		    long long limit, bool exact = true)
  {
    int g = jump (at, label);
    fn.gotos[g].counted = {v, op, limit, exact};
    write (v, at);
    return g;
  }

  void exit (Exit::Kind kind, unsigned at, int site, unsigned target = 0)
  {
    fn.exits.push_back ({kind, at, at_pos (at), site, target});
  }

  void a_case (unsigned at, unsigned switch_at, int site, int switch_site)
  {
    fn.cases.push_back ({at, at_pos (at), site, switch_site, switch_at});
  }

  /* `_Defer` at AT, its statement to LAST, pending to SCOPE_LAST.  */
  int scoped (unsigned at, unsigned last, unsigned scope_last)
  {
    ScopedDefer s;
    s.at = at;
    s.last = last;
    s.scope_last = scope_last;
    s.where = at_pos (at);
    fn.scoped.push_back (s);
    if (fn.last < scope_last)
      fn.last = scope_last;
    return fn.scoped.size () - 1;
  }
};

} // namespace unit

#endif
