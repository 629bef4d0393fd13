// SPDX-License-Identifier: MIT
/* The per-function work: scan into the model, analyse, plan, give the
   diagnostics, lower, report; and the dump.

     scan (scan.cc) -> model -> analyse (plugin/common) -> plan
       -> diagnostics (diagnose.cc) -> lower (lower*.cc) -> report  */

#include "diagnose.h"
#include "lower.h"
#include "report.h"
#include "runtime-abi.h"

namespace defer_gcc {

namespace {

/* Functions lowered since the last dump, printed once genericized.  */
auto_vec<tree> lowered;

/* Whether FNDECL needs a scan: it has a `defer`, or it names <defer.h>'s
   defer_result outside any deferred block.  */
bool
needs_scan (tree fndecl)
{
  bool has_defer = defer_take_function (fndecl);
  tree guard = defer_result_guard ();
  bool misuse = guard && TREE_USED (guard);
  if (guard)
    TREE_USED (guard) = 0;
  return has_defer || misuse;
}

/* A copy's size and alignment, the declaration's own where it asks for
   more than its type's (plan.h's Extent).  */
defer_rules::Extent
extent_of (tree var)
{
  tree type = TREE_TYPE (var);
  if (variably_modified_type_p (type, NULL_TREE))
    type = ptr_type_node;
  defer_rules::Extent e;
  e.size = tree_to_uhwi (TYPE_SIZE_UNIT (type));
  e.align = TYPE_ALIGN_UNIT (type);
  if (DECL_USER_ALIGN (var) && DECL_ALIGN_UNIT (var) > e.align)
    e.align = DECL_ALIGN_UNIT (var);
  return e;
}

std::vector<std::vector<defer_rules::Extent>>
copy_extents (const defer_scan &scan, const defer_rules::Analysis &a)
{
  std::vector<std::vector<defer_rules::Extent>> extents;
  for (const defer_rules::SiteAnalysis &s : a.sites)
    {
      extents.emplace_back ();
      for (int v : s.copies)
	extents.back ().push_back (extent_of (scan.vars[v]));
    }
  return extents;
}

defer_rules::Host
gcc_host ()
{
  defer_rules::Host host;
  host.unwind = defer_opts.unwind;
  /* -fanalyzer loses pointers kept in the typeless bytes of the stack
     of records and reports them leaked: it gets the list.  */
  host.stacked_records = !flag_analyzer;
  host.pointer_size = POINTER_SIZE_UNITS;
  return host;
}

void
report_sites (const defer_scan &scan, const defer_rules::Analysis &a,
	      const defer_rules::Plan &p)
{
  for (unsigned i = 0; i < scan.sites.size (); i++)
    inform (scan.sites[i].loc, "%s",
	    defer_rules::describe_site (scan.model, a, p, i).c_str ());
}

/* The Go-style defers of a scanned function whose rules passed.  */
void
lower_go_style (defer_scan &scan, const defer_rules::Analysis &a)
{
  const defer_rules::Function &fn = scan.model;
  defer_rules::Plan p
    = defer_rules::make_plan (fn, a, copy_extents (scan, a), gcc_host ());
  give_diagnostics (scan, p.diagnostics);
  if (defer_rules::has_errors (p.diagnostics) || seen_error ())
    return;
  lower_function (&scan, a, p);
  route_resume_through_libdefer ();
  if (defer_opts.report)
    report_sites (scan, a, p);
}

void
lower_one (tree fndecl)
{
  if (!needs_scan (fndecl))
    return;
  defer_scan scan;
  scan_function (fndecl, &scan);
  const defer_rules::Function &fn = scan.model;
  if (fn.sites.empty () && fn.results.empty () && fn.scoped.empty ())
    return;
  defer_rules::Analysis a = defer_rules::analyse (fn);
  give_diagnostics (scan, a.diagnostics);
  if (defer_rules::has_errors (a.diagnostics) || seen_error ())
    return;
  if (defer_opts.dump)
    lowered.safe_push (fndecl);
  if (fn.scoped.empty ())
    {
      if (!fn.sites.empty ())
	lower_go_style (scan, a);
      return;
    }
  /* The `_Defer`s first; the Go-style lowering reads the trees again
     (the rules found nothing the first time).  */
  hash_set<tree> none;
  lower_scoped_defers (fndecl, fn.sites.empty () ? none
						: scan.outermost_scoped);
  if (fn.sites.empty ())
    return;
  defer_scan again;
  scan_function (fndecl, &again);
  lower_go_style (again, defer_rules::analyse (again.model));
}

} // namespace

/* PLUGIN_PRE_GENERICIZE comes once per outermost function; nested
   functions (a GNU extension) are reached through their parent.  */
void
defer_lower_function (void *gcc_data, void *)
{
  tree fndecl = (tree) gcc_data;
  if (defer_opts.unwind)
    defer_drop_nothrow (fndecl);
  lower_one (fndecl);
  cgraph_node *node = cgraph_node::get (fndecl);
  if (!node)
    return;
  for (cgraph_node *n = first_nested_function (node); n;
       n = next_nested_function (n))
    defer_lower_function (n->decl, NULL);
}

/* PLUGIN_FINISH_PARSE_FUNCTION: the lowered functions are genericized
   now, so they print as C-like GENERIC.  */
void
defer_dump_function (void *, void *)
{
  if (decl_function_context (current_function_decl))
    return;
  for (tree fn : lowered)
    {
      fprintf (stderr, ";; Function %s (lowered by the defer plugin)\n",
	       lang_hooks.decl_printable_name (fn, 2));
      print_generic_stmt (stderr, DECL_SAVED_TREE (fn), TDF_NONE);
      fprintf (stderr, "\n");
    }
  lowered.truncate (0);
}

} // namespace defer_gcc
