// SPDX-License-Identifier: MIT
/* Block-scoped `_Defer`: each becomes a cleanup of the rest of its block,
   as the C front end makes one for a variable's cleanup attribute:

     { A; _Defer X; B; C; }   ==>   { A; try { B; C; } finally { X } }

   so X runs whenever control leaves the block after the `_Defer`: at its
   end, by return, break, continue or goto, and on unwinding.  A `_Defer`
   that is not a statement of a block (`if (c) _Defer X;`), or the last of
   one, ends its block at once: X runs there; but the last of the
   outermost block of a function with a Go-style defer still becomes a
   cleanup (of nothing), which the Go-style lowering runs after the
   deferred blocks, as it runs the others of that block.  The rules (scoped.h) have
   refused every jump into a pending part.  This runs before the Go-style
   lowering, which then finds a `_Defer` of the function's outermost block
   among that block's cleanups, run after the deferred blocks.  */

#include "defer-gcc.h"

namespace defer_gcc {

namespace {

/* Split the list at its first `_Defer`; the walk goes on into the rest,
   where the next one is.  */
void
split_at_first_defer (tree list, hash_set<tree> &cleanups)
{
  for (tree_stmt_iterator it = tsi_start (list); !tsi_end_p (it);
       tsi_next (&it))
    {
      tree marker = defer_scoped_marker_in (tsi_stmt (it));
      if (!marker)
	continue;
      tree rest = alloc_stmt_list ();
      tree_stmt_iterator next = it;
      tsi_next (&next);
      while (!tsi_end_p (next))
	{
	  append_to_statement_list_force (tsi_stmt (next), &rest);
	  tsi_delink (&next);
	}
      if (tsi_end_p (tsi_start (rest)) && !cleanups.contains (marker))
	{
	  *tsi_stmt_ptr (it) = FOR_BODY (marker);
	  return;
	}
      tree cleanup = build2 (TRY_FINALLY_EXPR, void_type_node, rest,
			     FOR_BODY (marker));
      TREE_SIDE_EFFECTS (cleanup) = 1;
      SET_EXPR_LOCATION (cleanup, EXPR_LOCATION (marker));
      *tsi_stmt_ptr (it) = cleanup;
      return;
    }
}

tree
lower_r (tree *tp, int *walk_subtrees, void *data)
{
  hash_set<tree> &cleanups = *(hash_set<tree> *) data;
  tree t = *tp;
  if (TYPE_P (t))
    *walk_subtrees = 0;
  else if (TREE_CODE (t) == STATEMENT_LIST)
    split_at_first_defer (t, cleanups);
  else if (defer_scoped_marker_p (t))
    *tp = FOR_BODY (t);
  return NULL_TREE;
}

} // namespace

void
lower_scoped_defers (tree fndecl, hash_set<tree> &cleanups)
{
  walk_tree (&DECL_SAVED_TREE (fndecl), lower_r,
	     &cleanups, NULL);
}

} // namespace defer_gcc
