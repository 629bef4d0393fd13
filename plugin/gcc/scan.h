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
  int loop;			/* innermost enclosing loop, or -1 */
  bool in_goto_cycle;
  unsigned long max_runs;	/* proven bound per call, 0 if none */
  /* `if (c) defer X;` where c can be tested again at exit with the same
     result: the if's place, and c.  */
  tree *guard_slot;
  tree guard;
  std::vector<tree> copies;	/* copied per registration */
};

/* A for/while/do of the function (outside deferred blocks).  */
struct defer_loop
{
  tree stmt;
  int parent;			/* enclosing loop, or -1 */
  unsigned body_start, body_end; /* the body's span of positions */
  unsigned long trips;		/* runs of the body per entry, 0 if unknown
				   (loop-bounds.cc) */
};

/* A local declared outside deferred blocks.  */
struct defer_var
{
  tree bind;			/* the BIND_EXPR declaring it */
  int loop;			/* loop whose body or for-init declares it */
  unsigned order;
};

/* An assignment to a local, or its address taken.  */
struct defer_write
{
  tree var;
  unsigned order;
  location_t loc;
  bool address;
  bool in_defer;		/* inside a deferred block */
};

/* An `if (c)` whose whole then-branch is a `defer`.  */
struct defer_guard
{
  tree *slot;
  tree cond;
  unsigned order;
};

struct defer_label
{
  tree label;
  unsigned order;
  int site;			/* deferred block holding it, or -1 */
};

struct defer_goto
{
  tree dest;			/* a LABEL_DECL, or null for `goto *p` */
  location_t loc;
  unsigned order;
  int site;
  tree cond;			/* c of `if (c) goto L;`, else null */
};

/* A case or default label, and where its switch starts.  */
struct defer_case
{
  unsigned order, switch_order;
};

struct defer_scan
{
  tree fndecl;
  tree result_guard;		/* <defer.h>'s __defer_result, if used */
  std::vector<defer_site> sites;
  auto_vec<defer_label> labels;
  auto_vec<defer_goto> gotos;
  auto_vec<defer_case> cases;
  hash_map<tree, tree> goto_conds;	/* goto -> c of `if (c) goto L;` */
  auto_vec<tree> address_taken_labels;	/* targets of `goto *p` */
  /* `return` statements outside deferred blocks, to be rewritten.  */
  auto_vec<tree *> returns;
  /* Calls of defer_recover () inside deferred blocks, to be rewritten.  */
  auto_vec<tree *> recovers;
  auto_vec<defer_loop> loops;
  hash_map<tree, int> loop_of_stmt;
  /* Locals declared outside deferred blocks; the locals each deferred
     block names; writes outside deferred blocks.  */
  hash_map<tree, defer_var> vars;
  auto_vec<std::pair<int, tree> > named_by_site;
  auto_vec<defer_write> writes;
  hash_map<tree, defer_guard> guards;	/* marker loop -> its if */
  hash_set<tree> save_exprs;	/* seen: each is evaluated once */
  bool moves_stack = false;	/* a VLA or alloca lowers the stack pointer */
  bool has_computed_goto = false;
  bool calls_setjmp = false;
  unsigned order = 0;
  int errors = 0;
};

/* Fill SCAN for FNDECL and report section 4 errors; decide which
   variables each site copies, and bound how often loop sites run.
   Returns the number of `defer` sites found.  */
unsigned scan_function (tree fndecl, defer_scan *scan);

/* loop-bounds.cc: the trip counts of SCAN's loops, and from them the
   bound on each site's registrations per call.  */
void bound_loop_sites (defer_scan *scan);

/* The facts the shared rules decide on.  */
defer_rules::FunctionFacts function_facts (const defer_scan &scan);

#endif
