/* The open-coded strategy (lower.h): one bit per site in a mask, the
   deferred blocks inlined in the finally, each guarded by its bit.  */

#include "lower.h"

namespace {

tree
mask_bit (tree mask, unsigned site)
{
  return build_int_cst (TREE_TYPE (mask), HOST_WIDE_INT_1U << site);
}

/* Replace each marker loop by `mask |= bit`.  */
void
register_sites (defer_scan *scan, tree mask)
{
  for (unsigned i = 0; i < scan->sites.size (); i++)
    {
      defer_site &s = scan->sites[i];
      tree set = build2 (BIT_IOR_EXPR, TREE_TYPE (mask), mask,
			 mask_bit (mask, i));
      *s.slot = build_assign (mask, set, s.loc);
      /* A guarded site registers whenever its if is reached; the finally
	 tests the guard, as hand-written cleanup code would.  */
      if (s.guard)
	*s.guard_slot = *s.slot;
    }
}

/* `if (mask & bit) { mask &= ~bit; block; }` for every site, newest
   first, each in the try of a try/finally whose finally runs the older
   ones: a block that panics (or is unwound) still lets the older blocks
   run, and none runs twice.  Without unwinding support the blocks run
   once, in order, and the bit can stay.  */
tree
build_finally (defer_scan *scan, tree mask)
{
  tree chain = NULL_TREE;
  for (unsigned i = 0; i < scan->sites.size (); i++)
    {
      defer_site &s = scan->sites[i];
      tree bit = mask_bit (mask, i);
      tree test = build2 (BIT_AND_EXPR, TREE_TYPE (mask), mask, bit);
      tree cond = build2 (NE_EXPR, boolean_type_node, test,
			  build_zero_cst (TREE_TYPE (mask)));
      if (s.guard)
	cond = build2 (TRUTH_ANDIF_EXPR, boolean_type_node, cond,
		       unshare_expr (s.guard));
      tree then = alloc_stmt_list ();
      if (defer_opts.unwind)
	append_to_statement_list_force (
	  build_assign (mask,
			build2 (BIT_AND_EXPR, TREE_TYPE (mask), mask,
				fold_build1 (BIT_NOT_EXPR, TREE_TYPE (mask),
					     bit))),
	  &then);
      append_to_statement_list_force (s.body, &then);
      tree run = build3 (COND_EXPR, void_type_node, cond, then, NULL_TREE);
      SET_EXPR_LOCATION (run, s.loc);
      if (chain)
	{
	  run = build2 (TRY_FINALLY_EXPR, void_type_node, run, chain);
	  TREE_SIDE_EFFECTS (run) = 1;
	}
      chain = run;
    }
  return chain;
}

} // namespace

void
lower_with_mask (defer_scan *scan, lowering *l)
{
  tree mask_type = scan->sites.size () > 32 ? long_long_unsigned_type_node
					      : unsigned_type_node;
  tree mask = make_local (l->fndecl, "__defer_mask", mask_type);
  append_var (l->outer, mask);
  append_to_statement_list_force (
    build_assign (mask, build_zero_cst (mask_type)), &l->prologue);
  register_sites (scan, mask);
  l->finally = build_finally (scan, mask);
}
