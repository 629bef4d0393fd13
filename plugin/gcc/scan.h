/* SPDX-License-Identifier: MIT */
/* Scanning one function body (GENERIC as the C front end leaves it, before
   c_genericize) into the neutral model of plugin/common/model.h, and
   keeping beside it the trees the lowering rewrites.  The scan decides
   nothing: the shared rules do (plugin/common/analysis.h, plan.h).  */

#ifndef DEFER_GCC_SCAN_H
#define DEFER_GCC_SCAN_H

#include "defer-gcc.h"
#include "model.h"

namespace defer_gcc {

/* Where a site is in the trees.  */
struct site_trees
{
  tree *slot;		/* where the marker loop sits */
  tree body;		/* the deferred block */
  location_t loc;	/* the `defer` keyword */
  tree *guard_slot;	/* `if (c) defer X;`: where the if sits, else null */
  tree guard;		/* c */
};

struct defer_scan
{
  tree fndecl;
  defer_rules::Function model;
  /* Where::token -> the location it stands for.  */
  std::vector<location_t> locations;
  std::vector<site_trees> sites;	/* model.sites, in the trees */
  std::vector<tree> vars;		/* model.vars: their decls */
  std::vector<tree> var_binds;		/* the BIND_EXPR declaring each */
  hash_map<tree, int> var_ids;
  /* `return` statements outside deferred blocks, to be rewritten.  */
  auto_vec<tree *> returns;
  /* Calls of defer_recover () inside deferred blocks, to be rewritten.  */
  auto_vec<tree *> recovers;
  /* The `_Defer` markers that are statements of the outermost block.  */
  hash_set<tree> outermost_scoped;
};

/* Fill SCAN for FNDECL.  */
void scan_function (tree fndecl, defer_scan *scan);

/* A model place for LOC.  */
defer_rules::Where where (defer_scan *scan, location_t loc);

/* The id of the model variable DECL, or none.  */
int var_id (const defer_scan &scan, tree decl);

/* shapes.cc: the loop and goto shapes the bounds read (model.h).  */
defer_rules::Comparison loop_test (const defer_scan &scan, tree cond);
int stepped_var (const defer_scan &scan, tree step);
int body_stepped_var (const defer_scan &scan, tree body);
defer_rules::Comparison counted_goto_test (const defer_scan &scan,
					   tree cond);
/* What a guard reads, and whether it is pure (model.h).  */
defer_rules::Guard guard_facts (const defer_scan &scan, tree cond,
				unsigned at);
/* The variables the array sizes in TYPE read.  */
std::vector<int> size_vars (const defer_scan &scan, tree type);

} // namespace defer_gcc

#endif
