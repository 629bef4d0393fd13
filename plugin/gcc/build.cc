// SPDX-License-Identifier: MIT
/* The builders of build.h.  */

#include "build.h"

namespace defer_gcc {

tree
outermost_bind (tree fndecl)
{
  tree body = DECL_SAVED_TREE (fndecl);
  if (TREE_CODE (body) == BIND_EXPR)
    return body;
  if (TREE_CODE (body) == STATEMENT_LIST)
    {
      for (tree_stmt_iterator it = tsi_start (body); !tsi_end_p (it);
	   tsi_next (&it))
	if (TREE_CODE (tsi_stmt (it)) == BIND_EXPR)
	  return tsi_stmt (it);
	else if (TREE_CODE (tsi_stmt (it)) != DEBUG_BEGIN_STMT)
	  break;
    }
  tree bind = build3 (BIND_EXPR, void_type_node, NULL_TREE, body, NULL_TREE);
  TREE_SIDE_EFFECTS (bind) = 1;
  DECL_SAVED_TREE (fndecl) = bind;
  return bind;
}

tree
make_local (tree fndecl, const char *name, tree type)
{
  tree v = build_decl (DECL_SOURCE_LOCATION (fndecl), VAR_DECL,
		       get_identifier (name), type);
  DECL_ARTIFICIAL (v) = 1;
  DECL_IGNORED_P (v) = 1;
  DECL_CONTEXT (v) = fndecl;
  TREE_USED (v) = 1;
  /* Its uses are the plugin's: a warning about them would name an
     internal the user never wrote.  */
  suppress_warning (v);
  return v;
}

void
append_var (tree bind, tree decl)
{
  tree *p = &BIND_EXPR_VARS (bind);
  while (*p)
    p = &DECL_CHAIN (*p);
  *p = decl;
  tree block = BIND_EXPR_BLOCK (bind);
  if (block && !BLOCK_VARS (block))
    BLOCK_VARS (block) = BIND_EXPR_VARS (bind);
}

tree
build_assign (tree lhs, tree rhs, location_t loc)
{
  tree t = build2 (MODIFY_EXPR, TREE_TYPE (lhs), lhs, rhs);
  TREE_SIDE_EFFECTS (t) = 1;
  if (loc != UNKNOWN_LOCATION)
    SET_EXPR_LOCATION (t, loc);
  return t;
}

tree
build_label (tree fndecl, location_t loc)
{
  tree label = create_artificial_label (loc);
  DECL_CONTEXT (label) = fndecl;
  return label;
}

tree
build_jump (tree label)
{
  return build1 (GOTO_EXPR, void_type_node, label);
}

tree
build_if (tree cond, tree then, location_t loc)
{
  tree t = build3 (COND_EXPR, void_type_node, cond, then, NULL_TREE);
  if (loc != UNKNOWN_LOCATION)
    SET_EXPR_LOCATION (t, loc);
  return t;
}

void
add_stmt_to (tree *list, tree t)
{
  append_to_statement_list_force (t, list);
}

static tree
quiet_uninitialized_r (tree *tp, int *walk_subtrees, void *)
{
  if (TYPE_P (*tp) || DECL_P (*tp))
    *walk_subtrees = 0;
  else
    {
      suppress_warning (*tp, OPT_Wuninitialized);
      suppress_warning (*tp, OPT_Wmaybe_uninitialized);
    }
  return NULL_TREE;
}

void
quiet_uninitialized (tree body)
{
  walk_tree_without_duplicates (&body, quiet_uninitialized_r, NULL);
}

void
keep_own_stack_frame (tree fndecl)
{
  /* Even where always_inline asks for the opposite (the function is then
     a plain one, as under Clang): inlined, its pool mark would share its
     caller's stack position.  */
  DECL_ATTRIBUTES (fndecl) = remove_attribute ("always_inline",
					       DECL_ATTRIBUTES (fndecl));
  DECL_DISREGARD_INLINE_LIMITS (fndecl) = 0;
  DECL_UNINLINABLE (fndecl) = 1;
  DECL_ATTRIBUTES (fndecl) = tree_cons (get_identifier ("noinline"),
					NULL_TREE, DECL_ATTRIBUTES (fndecl));
}

} // namespace defer_gcc
