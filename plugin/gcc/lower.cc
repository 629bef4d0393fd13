/* The open-coded lowering of lower.h.  */

#include "lower.h"

namespace {

tree
make_local (tree fndecl, const char *name, tree type)
{
  tree v = build_decl (DECL_SOURCE_LOCATION (fndecl), VAR_DECL,
		       get_identifier (name), type);
  DECL_ARTIFICIAL (v) = 1;
  DECL_IGNORED_P (v) = 1;
  DECL_CONTEXT (v) = fndecl;
  TREE_USED (v) = 1;
  return v;
}

/* Unlink DECL from the chain at *HEAD; false if it was not there.  */
bool
unchain (tree *head, tree decl)
{
  for (tree *p = head; *p; p = &DECL_CHAIN (*p))
    if (*p == decl)
      {
	*p = DECL_CHAIN (decl);
	DECL_CHAIN (decl) = NULL_TREE;
	return true;
      }
  return false;
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

/* The BIND_EXPR whose variables live as long as the call.  */
tree
outermost_bind (tree fndecl)
{
  tree body = DECL_SAVED_TREE (fndecl);
  if (TREE_CODE (body) == BIND_EXPR)
    return body;
  tree bind = build3 (BIND_EXPR, void_type_node, NULL_TREE, body, NULL_TREE);
  TREE_SIDE_EFFECTS (bind) = 1;
  DECL_SAVED_TREE (fndecl) = bind;
  return bind;
}

/* Give the locals that deferred blocks name the lifetime of the call.  */
void
extend_lifetimes (defer_scan *scan, tree outer)
{
  hash_set<tree> moved;
  for (const std::pair<int, tree> &use : scan->named_by_site)
    {
      tree var = use.second;
      tree *bind = scan->scope_of.get (var);
      if (!bind || *bind == outer || moved.contains (var))
	continue;
      if (variably_modified_type_p (TREE_TYPE (var), NULL_TREE))
	{
	  std::string m = defer_rules::vla_in_deferred_block (
	    IDENTIFIER_POINTER (DECL_NAME (var)));
	  error_at (scan->sites[use.first].loc, "%s", m.c_str ());
	  scan->errors++;
	  continue;
	}
      unchain (&BIND_EXPR_VARS (*bind), var);
      if (BIND_EXPR_BLOCK (*bind))
	unchain (&BLOCK_VARS (BIND_EXPR_BLOCK (*bind)), var);
      append_var (outer, var);
      moved.add (var);
    }
}

tree
mask_bit (tree mask, unsigned site)
{
  return build_int_cst (TREE_TYPE (mask), HOST_WIDE_INT_1U << site);
}

/* Replace each marker loop by `mask |= bit`.  */
void
register_sites (defer_scan *scan, tree mask)
{
  for (unsigned i = 0; i < scan->sites.length (); i++)
    {
      defer_site &s = scan->sites[i];
      tree set = build2 (BIT_IOR_EXPR, TREE_TYPE (mask), mask,
			 mask_bit (mask, i));
      tree stmt = build2 (MODIFY_EXPR, TREE_TYPE (mask), mask, set);
      SET_EXPR_LOCATION (stmt, s.loc);
      TREE_SIDE_EFFECTS (stmt) = 1;
      *s.slot = stmt;
    }
}

/* `if (mask & bit) block;` for every site, newest first.  */
tree
build_finally (defer_scan *scan, tree mask)
{
  tree list = alloc_stmt_list ();
  for (unsigned i = scan->sites.length (); i-- > 0;)
    {
      defer_site &s = scan->sites[i];
      tree test = build2 (BIT_AND_EXPR, TREE_TYPE (mask), mask,
			  mask_bit (mask, i));
      tree cond = build2 (NE_EXPR, boolean_type_node, test,
			  build_zero_cst (TREE_TYPE (mask)));
      tree run = build3 (COND_EXPR, void_type_node, cond, s.body, NULL_TREE);
      SET_EXPR_LOCATION (run, s.loc);
      append_to_statement_list_force (run, &list);
    }
  return list;
}

/* `return e;` -> `rv = e; goto done;` so that the deferred blocks can
   still change rv through defer_result.  */
void
redirect_returns (defer_scan *scan, tree rv, tree done)
{
  tree result = DECL_RESULT (scan->fndecl);
  for (tree *slot : scan->returns)
    {
      tree ret = *slot;
      tree op = TREE_OPERAND (ret, 0);
      location_t loc = EXPR_LOCATION (ret);
      tree list = alloc_stmt_list ();
      if (op && (TREE_CODE (op) == MODIFY_EXPR || TREE_CODE (op) == INIT_EXPR)
	  && TREE_OPERAND (op, 0) == result)
	{
	  tree set = build2 (MODIFY_EXPR, TREE_TYPE (rv), rv,
			     TREE_OPERAND (op, 1));
	  SET_EXPR_LOCATION (set, loc);
	  TREE_SIDE_EFFECTS (set) = 1;
	  append_to_statement_list_force (set, &list);
	}
      else if (op)
	continue;
      tree jump = build1 (GOTO_EXPR, void_type_node, done);
      SET_EXPR_LOCATION (jump, loc);
      append_to_statement_list_force (jump, &list);
      *slot = list;
    }
}

tree
replace_result_r (tree *tp, int *walk_subtrees, void *data)
{
  tree rv = (tree) data;
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if (TREE_CODE (*tp) == DECL_EXPR && VAR_P (DECL_EXPR_DECL (*tp)))
    walk_tree (&DECL_INITIAL (DECL_EXPR_DECL (*tp)), replace_result_r, rv,
	       NULL);
  else if (defer_result_decl_p (*tp) && DECL_CONTEXT (*tp) == DECL_CONTEXT (rv))
    *tp = rv;
  return NULL_TREE;
}

} // namespace

void
lower_open_coded (defer_scan *scan)
{
  tree fndecl = scan->fndecl;
  tree outer = outermost_bind (fndecl);
  extend_lifetimes (scan, outer);
  if (scan->errors)
    return;

  tree mask_type = scan->sites.length () > 32 ? long_long_unsigned_type_node
					      : unsigned_type_node;
  tree mask = make_local (fndecl, "__defer_mask", mask_type);
  append_var (outer, mask);
  register_sites (scan, mask);

  tree body = alloc_stmt_list ();
  tree init = build2 (MODIFY_EXPR, mask_type, mask,
		      build_zero_cst (mask_type));
  TREE_SIDE_EFFECTS (init) = 1;
  append_to_statement_list_force (init, &body);

  tree ret_type = TREE_TYPE (DECL_RESULT (fndecl));
  /* The closing brace: where a debugger steps after the deferred blocks.  */
  location_t end_loc = DECL_STRUCT_FUNCTION (fndecl)->function_end_locus;
  bool returns_value = !VOID_TYPE_P (ret_type);
  tree rv = NULL_TREE, done = NULL_TREE;
  if (returns_value)
    {
      rv = make_local (fndecl, "__defer_rv", TYPE_MAIN_VARIANT (ret_type));
      append_var (outer, rv);
      tree zero = build2 (MODIFY_EXPR, TREE_TYPE (rv), rv,
			  build_zero_cst (TREE_TYPE (rv)));
      TREE_SIDE_EFFECTS (zero) = 1;
      append_to_statement_list_force (zero, &body);
      done = create_artificial_label (end_loc);
      DECL_CONTEXT (done) = fndecl;
      redirect_returns (scan, rv, done);
    }

  tree finally = build_finally (scan, mask);
  tree protected_body = BIND_EXPR_BODY (outer);
  tree tf = build2 (TRY_FINALLY_EXPR, void_type_node, protected_body, finally);
  TREE_SIDE_EFFECTS (tf) = 1;
  append_to_statement_list_force (tf, &body);

  if (returns_value)
    {
      append_to_statement_list_force (build1 (LABEL_EXPR, void_type_node,
					      done), &body);
      tree set = build2 (MODIFY_EXPR, ret_type, DECL_RESULT (fndecl), rv);
      tree ret = build1 (RETURN_EXPR, void_type_node, set);
      SET_EXPR_LOCATION (ret, end_loc);
      TREE_SIDE_EFFECTS (ret) = 1;
      append_to_statement_list_force (ret, &body);
      walk_tree (&body, replace_result_r, rv, NULL);
    }
  BIND_EXPR_BODY (outer) = body;
}
