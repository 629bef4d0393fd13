/* The native-sites shape of the open-coded lowering (lower.h): every
   `defer` stands in the function's outermost block, and each becomes a
   cleanup of that block where it stands, as the `cleanup` attribute
   would make it:

     A;                          A;
     defer X;                    try {
     B;                 ==>        B;
     if (c) defer Y;               try {
     C;                              C;
                                   } finally { if (c) Y; }
                                 } finally { X; }

   Every way out of the block (a return, which is a jump to the end, or
   falling off it) passes the finally of each cleanup it has entered,
   newest first; unwinding runs them too, and one that panics still lets
   the older ones run.  No mask, nothing in the registers.  A guarded
   `defer`'s if stays where it was only as its cleanup's test: the plan
   chose this shape only where the guard can be tested again at exit.  */

#include "lower.h"

namespace defer_gcc {

namespace {

/* The site whose marker (or guarding if) is the statement at SLOT.  */
int
site_at (const lowering &l, tree *slot)
{
  std::vector<site_trees> &sites = l.scan->sites;
  for (unsigned i = 0; i < sites.size (); i++)
    if (sites[i].slot == slot || sites[i].guard_slot == slot)
      return i;
  return defer_rules::none;
}

/* Whether a statement of STMTS has side effects (a statement list's own
   flag is set by any statement linked into it, a block's always).  */
bool
has_effects (tree stmts)
{
  if (TREE_CODE (stmts) == BIND_EXPR)
    return has_effects (BIND_EXPR_BODY (stmts));
  if (TREE_CODE (stmts) != STATEMENT_LIST)
    return TREE_SIDE_EFFECTS (stmts) && TREE_CODE (stmts) != DEBUG_BEGIN_STMT;
  for (tree_stmt_iterator it = tsi_start (stmts); !tsi_end_p (it);
       tsi_next (&it))
    if (has_effects (tsi_stmt (it)))
      return true;
  return false;
}

tree
cleanup_of (const lowering &l, unsigned site)
{
  const site_trees &s = l.scan->sites[site];
  if (tree guard = exit_guard (l, site))
    return build_if (at_no_line (guard), s.body, no_line);
  return s.body;
}

} // namespace

void
lower_native (lowering *l)
{
  tree body = BIND_EXPR_BODY (l->outer);
  tree out = alloc_stmt_list ();
  tree *into = &out;
  tree last = NULL_TREE; /* the newest cleanup, and where it stands */
  tree *last_in = NULL;
  for (tree_stmt_iterator it = tsi_start (body); !tsi_end_p (it);
       tsi_next (&it))
    {
      int site = site_at (*l, tsi_stmt_ptr (it));
      if (site == defer_rules::none)
	{
	  add_stmt_to (into, tsi_stmt (it));
	  continue;
	}
      tree rest = alloc_stmt_list ();
      tree cleanup = build2 (TRY_FINALLY_EXPR, void_type_node, rest,
			     cleanup_of (*l, site));
      TREE_SIDE_EFFECTS (cleanup) = 1;
      SET_EXPR_LOCATION (cleanup, no_line);
      add_stmt_to (into, cleanup);
      last = cleanup;
      last_in = into;
      into = &TREE_OPERAND (cleanup, 0);
    }
  /* After the last `defer`, code that cannot leave the block other than
     by falling off it (nothing there has side effects, so no call, jump
     or return) runs before the block ends: then the block, in line.
     GCC's passes do not take a try with nothing left in it.  */
  tree rest = last ? TREE_OPERAND (last, 0) : NULL_TREE;
  if (last && !has_effects (rest))
    {
      tree_stmt_iterator it = tsi_last (*last_in);
      gcc_assert (tsi_stmt (it) == last);
      tsi_delink (&it);
      add_stmt_to (last_in, rest);
      add_stmt_to (last_in, TREE_OPERAND (last, 1));
    }
  BIND_EXPR_BODY (l->outer) = out;
}

} // namespace defer_gcc
