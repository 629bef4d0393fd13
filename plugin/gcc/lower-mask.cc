/* The mask shape of the open-coded lowering (lower.h): one bit per site
   in a mask, the deferred blocks inlined in the finally, each guarded by
   its bit.  */

#include "lower.h"

namespace defer_gcc {

namespace {

tree
mask_bit (tree mask, unsigned site)
{
  return build_int_cst (TREE_TYPE (mask), HOST_WIDE_INT_1U << site);
}

/* Replace each marker loop by `mask |= bit`.  */
void
register_sites (const lowering &l, tree mask)
{
  std::vector<site_trees> &sites = l.scan->sites;
  for (unsigned i = 0; i < sites.size (); i++)
    {
      site_trees &s = sites[i];
      tree set = build2 (BIT_IOR_EXPR, TREE_TYPE (mask), mask,
			 mask_bit (mask, i));
      *s.slot = build_assign (mask, set, s.loc);
      /* A guarded site registers whenever its if is reached; the finally
	 tests the guard, as hand-written cleanup code would.  */
      if (exit_guard (l, i))
	*s.guard_slot = *s.slot;
    }
}

/* `if (mask & bit) { mask &= ~bit; block; }` for every site, newest
   first, each in the try of a try/finally whose finally runs the older
   ones: a block that panics (or is unwound) still lets the older blocks
   run, and none runs twice.  Without unwinding support the blocks run
   once, in order, and the bit can stay.  */
tree
build_finally (const lowering &l, tree mask)
{
  tree chain = NULL_TREE;
  std::vector<site_trees> &sites = l.scan->sites;
  for (unsigned i = 0; i < sites.size (); i++)
    {
      site_trees &s = sites[i];
      tree bit = mask_bit (mask, i);
      tree test = build2 (BIT_AND_EXPR, TREE_TYPE (mask), mask, bit);
      tree cond = build2 (NE_EXPR, boolean_type_node, test,
			  build_zero_cst (TREE_TYPE (mask)));
      if (tree guard = exit_guard (l, i))
	cond = build2 (TRUTH_ANDIF_EXPR, boolean_type_node, cond,
		       at_no_line (guard));
      tree then = alloc_stmt_list ();
      if (l.plan->unwinding_runs_blocks)
	add_stmt_to (&then,
		     build_assign (mask,
				   build2 (BIT_AND_EXPR, TREE_TYPE (mask), mask,
					   fold_build1 (BIT_NOT_EXPR,
							TREE_TYPE (mask), bit))));
      add_stmt_to (&then, s.body);
      tree run = build_if (cond, then, no_line);
      if (chain)
	{
	  run = build2 (TRY_FINALLY_EXPR, void_type_node, run, chain);
	  TREE_SIDE_EFFECTS (run) = 1;
	  SET_EXPR_LOCATION (run, no_line);
	}
      chain = run;
    }
  return chain;
}

} // namespace

void
lower_with_mask (lowering *l)
{
  tree mask_type = l->plan->mask_bits > 32 ? long_long_unsigned_type_node
					   : unsigned_type_node;
  tree mask = make_local (l->fndecl, "__defer_mask", mask_type);
  append_var (l->outer, mask);
  add_stmt_to (&l->prologue, build_assign (mask, build_zero_cst (mask_type)));
  register_sites (*l, mask);
  l->finally = build_finally (*l, mask);
}

} // namespace defer_gcc
