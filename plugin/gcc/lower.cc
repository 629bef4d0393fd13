/* The strategy-independent part of the lowering (lower.h).  */

#include "lower.h"
#include "runtime-abi.h"

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

tree
build_assign (tree lhs, tree rhs, location_t loc)
{
  tree t = build2 (MODIFY_EXPR, TREE_TYPE (lhs), lhs, rhs);
  TREE_SIDE_EFFECTS (t) = 1;
  if (loc != UNKNOWN_LOCATION)
    SET_EXPR_LOCATION (t, loc);
  return t;
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

void
keep_own_stack_frame (tree fndecl)
{
  DECL_UNINLINABLE (fndecl) = 1;
  DECL_ATTRIBUTES (fndecl) = tree_cons (get_identifier ("noinline"),
					NULL_TREE, DECL_ATTRIBUTES (fndecl));
}

namespace {

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

/* Give the locals that deferred blocks name by reference the lifetime of
   the call; copied ones need no more than their copy.  */
void
extend_lifetimes (defer_scan *scan, tree outer)
{
  hash_set<tree> moved;
  for (const std::pair<int, tree> &use : scan->named_by_site)
    {
      tree var = use.second;
      defer_var *info = scan->vars.get (var);
      tree *bind = info ? &info->bind : NULL;
      if (!bind || *bind == outer || moved.contains (var)
	  || std::count (scan->sites[use.first].copies.begin (), scan->sites[use.first].copies.end (), var))
	continue;
      /* A VLA here was rejected by the scan.  */
      if (variably_modified_type_p (TREE_TYPE (var), NULL_TREE))
	continue;
      unchain (&BIND_EXPR_VARS (*bind), var);
      if (BIND_EXPR_BLOCK (*bind))
	unchain (&BLOCK_VARS (BIND_EXPR_BLOCK (*bind)), var);
      append_var (outer, var);
      moved.add (var);
    }
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
    {
      /* The front end marks what it must keep in memory as it parses
	 (a vector's element is read through its address): so must rv.  */
      if (TREE_ADDRESSABLE (*tp))
	TREE_ADDRESSABLE (rv) = 1;
      *tp = rv;
    }
  return NULL_TREE;
}

/* defer_recover () in a deferred block -> __libdefer_recover ().  */
void
rewrite_recovers (defer_scan *scan)
{
  /* libdefer tells the frame a panic unwinds from that of a function the
     deferred block calls by their canonical frame addresses: the function
     must keep a frame of its own.  */
  if (!scan->recovers.is_empty ())
    keep_own_stack_frame (scan->fndecl);
  for (tree *slot : scan->recovers)
    {
      location_t loc = EXPR_LOCATION (*slot);
      tree call = build_call_expr_loc (loc, get_runtime_abi ().recover_fn, 0);
      *slot = fold_convert_loc (loc, TREE_TYPE (*slot), call);
    }
}

/* After the unwinding path of BODY has run the deferred blocks: if one of
   them stopped the panic, return normally (goto DONE), else go on
   unwinding.  On the unwinding path only, so it costs nothing else:
     try { BODY } catch (...) { if (__libdefer_recovered ()) goto DONE;
				__libdefer_resume (exception); }
   C's personality routine treats the catch-all as a cleanup, which is
   what it is; GCC's finally or cleanup regions cannot end in a jump out.  */
tree
return_if_recovered (tree body, tree done)
{
  tree call = build_call_expr (get_runtime_abi ().recovered_fn, 0);
  tree test = build2 (NE_EXPR, boolean_type_node, call, integer_zero_node);
  tree jump = build1 (GOTO_EXPR, void_type_node, done);
  tree exception = build_call_expr (builtin_decl_explicit (BUILT_IN_EH_POINTER),
				    1, integer_zero_node);
  tree resume = build_call_expr (get_runtime_abi ().resume_fn, 1,
				 exception);
  tree handler = alloc_stmt_list ();
  append_to_statement_list_force (build3 (COND_EXPR, void_type_node, test,
					  jump, NULL_TREE), &handler);
  append_to_statement_list_force (resume, &handler);
  tree catch_all = build2 (CATCH_EXPR, void_type_node, NULL_TREE, handler);
  tree tc = build2 (TRY_CATCH_EXPR, void_type_node, body, catch_all);
  TREE_SIDE_EFFECTS (tc) = 1;
  return tc;
}

} // namespace

void
lower_function (defer_scan *scan, defer_rules::FunctionFacts *facts,
		const defer_rules::Decision &d)
{
  tree fndecl = scan->fndecl;
  lowering l = {fndecl, outermost_bind (fndecl), alloc_stmt_list (),
		NULL_TREE};
  extend_lifetimes (scan, l.outer);
  if (scan->errors)
    return;

  tree ret_type = TREE_TYPE (DECL_RESULT (fndecl));
  /* The closing brace: where a debugger steps after the deferred blocks.  */
  location_t end_loc = DECL_STRUCT_FUNCTION (fndecl)->function_end_locus;
  bool returns_value = !VOID_TYPE_P (ret_type);
  tree rv = NULL_TREE, done = NULL_TREE;
  if (returns_value)
    {
      rv = make_local (fndecl, "__defer_rv", TYPE_MAIN_VARIANT (ret_type));
      append_var (l.outer, rv);
      append_to_statement_list_force (
	build_assign (rv, build_zero_cst (TREE_TYPE (rv))), &l.prologue);
      done = create_artificial_label (end_loc);
      DECL_CONTEXT (done) = fndecl;
      redirect_returns (scan, rv, done);
    }
  bool recovers = !scan->recovers.is_empty ();
  rewrite_recovers (scan);
  if (recovers && !done)
    {
      done = create_artificial_label (end_loc);
      DECL_CONTEXT (done) = fndecl;
    }

  if (d.lowering == defer_rules::Lowering::open_coded)
    lower_with_mask (scan, &l);
  else
    lower_with_records (scan, facts, &l);
  if (scan->errors)
    return;

  tree body = l.prologue;
  tree tf = build2 (TRY_FINALLY_EXPR, void_type_node, BIND_EXPR_BODY (l.outer),
		    l.finally);
  TREE_SIDE_EFFECTS (tf) = 1;
  append_to_statement_list_force (recovers ? return_if_recovered (tf, done)
				  : tf, &body);
  if (recovers && !returns_value)
    append_to_statement_list_force (build1 (LABEL_EXPR, void_type_node,
					    done), &body);
  if (returns_value)
    {
      append_to_statement_list_force (build1 (LABEL_EXPR, void_type_node,
					      done), &body);
      tree set = build2 (MODIFY_EXPR, ret_type, DECL_RESULT (fndecl), rv);
      tree ret = build1 (RETURN_EXPR, void_type_node, set);
      TREE_SIDE_EFFECTS (ret) = 1;
      SET_EXPR_LOCATION (ret, end_loc);
      append_to_statement_list_force (ret, &body);
      walk_tree (&body, replace_result_r, rv, NULL);
    }
  BIND_EXPR_BODY (l.outer) = body;
}
