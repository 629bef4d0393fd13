/* Scanning one function body (GENERIC as the C front end leaves it, before
   c_genericize) for `defer` sites, the control flow that matters to them,
   and the errors of SEMANTICS.md section 4.  */

#ifndef DEFER_SCAN_H
#define DEFER_SCAN_H

#include "defer-gcc.h"

struct defer_site
{
  tree *slot;			/* where the marker loop sits */
  tree body;			/* the deferred block */
  location_t loc;		/* the `defer` keyword */
  unsigned order;		/* position in the body's text */
  bool in_loop;
  bool in_goto_cycle;
};

struct defer_label
{
  tree label;
  unsigned order;
  int site;			/* deferred block holding it, or -1 */
};

struct defer_goto
{
  tree dest;			/* a LABEL_DECL */
  location_t loc;
  unsigned order;
  int site;
};

struct defer_scan
{
  tree fndecl;
  tree result_guard;		/* <defer.h>'s __defer_result, if used */
  auto_vec<defer_site> sites;
  auto_vec<defer_label> labels;
  auto_vec<defer_goto> gotos;
  /* `return` statements outside deferred blocks, to be rewritten.  */
  auto_vec<tree *> returns;
  /* Locals declared outside deferred blocks -> the BIND_EXPR declaring
     them; and the locals each deferred block names.  */
  hash_map<tree, tree> scope_of;
  auto_vec<std::pair<int, tree> > named_by_site;
  bool has_computed_goto = false;
  bool calls_setjmp = false;
  unsigned order = 0;
  int errors = 0;
};

/* Fill SCAN for FNDECL and report section 4 errors.  Returns the number
   of `defer` sites found.  */
unsigned scan_function (tree fndecl, defer_scan *scan);

/* The facts the shared rules decide on.  */
defer_rules::FunctionFacts function_facts (const defer_scan &scan);

#endif
