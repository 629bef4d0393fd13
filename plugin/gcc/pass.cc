/* The per-function work: scan, decide, report, lower; and the dump.  */

#include "lower.h"
#include "runtime-abi.h"

/* Functions lowered since the last dump, printed once genericized.  */
static auto_vec<tree> lowered;

static void
report_sites (const defer_scan &scan, const defer_rules::FunctionFacts &facts,
	      const defer_rules::Decision &d)
{
  for (unsigned i = 0; i < scan.sites.size (); i++)
    {
      std::string text = defer_rules::describe_site (facts, d, i);
      inform (scan.sites[i].loc, "%s", text.c_str ());
    }
}

/* Whether FNDECL needs a scan: it has a `defer`, or it names <defer.h>'s
   defer_result outside any deferred block.  */
static bool
needs_scan (tree fndecl)
{
  bool has_defer = defer_take_function (fndecl);
  tree guard = defer_result_guard ();
  bool misuse = guard && TREE_USED (guard);
  if (guard)
    TREE_USED (guard) = 0;
  return has_defer || misuse;
}

static void
lower_one (tree fndecl)
{
  if (!needs_scan (fndecl))
    return;
  defer_scan scan;
  if (!scan_function (fndecl, &scan))
    return;
  defer_rules::FunctionFacts facts = function_facts (scan);
  defer_rules::Decision d = defer_rules::choose_lowering (facts);
  if (scan.errors || seen_error ())
    return;
  lower_function (&scan, &facts, d);
  route_resume_through_libdefer ();
  if (defer_opts.report)
    report_sites (scan, facts, d);
  if (defer_opts.dump && !scan.errors)
    lowered.safe_push (fndecl);
}

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
