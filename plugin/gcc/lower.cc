/* The shape-independent part of the lowering (lower.h).  */

#include "lower.h"
#include "runtime-abi.h"

namespace defer_gcc {

tree
exit_guard (const lowering &l, unsigned site)
{
  return l.plan->sites[site].guard_at_exit ? l.scan->sites[site].guard
					   : NULL_TREE;
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

bool
copies_var (const defer_rules::Analysis &a, unsigned site, int v)
{
  const std::vector<int> &c = a.sites[site].copies;
  return std::find (c.begin (), c.end (), v) != c.end ();
}

/* Give the variables that deferred blocks name by reference the
   lifetime of the call; copied ones need no more than their copy.  */
void
extend_lifetimes (const lowering &l)
{
  defer_scan *scan = l.scan;
  const defer_rules::Function &fn = scan->model;
  std::vector<bool> moved (fn.vars.size ());
  for (unsigned i = 0; i < fn.sites.size (); i++)
    for (int v : fn.sites[i].names)
      {
	tree bind = scan->var_binds[v];
	if (!bind || bind == l.outer || moved[v] || fn.vars[v].vla
	    || copies_var (*l.analysis, i, v))
	  continue;
	tree var = scan->vars[v];
	unchain (&BIND_EXPR_VARS (bind), var);
	if (BIND_EXPR_BLOCK (bind))
	  unchain (&BLOCK_VARS (BIND_EXPR_BLOCK (bind)), var);
	append_var (l.outer, var);
	moved[v] = true;
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
	add_stmt_to (&list, build_assign (rv, TREE_OPERAND (op, 1), loc));
      else if (op)
	continue;
      tree jump = build_jump (done);
      SET_EXPR_LOCATION (jump, loc);
      add_stmt_to (&list, jump);
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
  tree exception = build_call_expr (builtin_decl_explicit (BUILT_IN_EH_POINTER),
				    1, integer_zero_node);
  tree resume = build_call_expr (get_runtime_abi ().resume_fn, 1,
				 exception);
  tree handler = alloc_stmt_list ();
  add_stmt_to (&handler, build_if (test, build_jump (done)));
  add_stmt_to (&handler, resume);
  tree catch_all = build2 (CATCH_EXPR, void_type_node, NULL_TREE, handler);
  tree tc = build2 (TRY_CATCH_EXPR, void_type_node, body, catch_all);
  TREE_SIDE_EFFECTS (tc) = 1;
  SET_EXPR_LOCATION (tc, no_line);
  return tc;
}

/* The cleanups of the outermost block's variables (`cleanup` attribute)
   run after the deferred blocks, as the block ends: the C front end makes
   each a try/finally from the declaration to the end of the block, which
   would run it inside the try that runs the blocks, before them.  Each is
   dissolved into its statements, after `flag = 1`, and its cleanup goes
   to RUNS, newest first, as `if (flag) { flag = 0; cleanup }`.  */
void
dissolve_cleanups (lowering *l, tree stmts, tree *out, tree *runs)
{
  if (TREE_CODE (stmts) != STATEMENT_LIST)
    {
      add_stmt_to (out, stmts);
      return;
    }
  for (tree_stmt_iterator it = tsi_start (stmts); !tsi_end_p (it);
       tsi_next (&it))
    {
      tree t = tsi_stmt (it);
      if (TREE_CODE (t) != TRY_FINALLY_EXPR)
	{
	  add_stmt_to (out, t);
	  continue;
	}
      tree flag = make_local (l->fndecl, "__defer_cleanup", boolean_type_node);
      append_var (l->outer, flag);
      add_stmt_to (&l->prologue, build_assign (flag, boolean_false_node));
      add_stmt_to (out, build_assign (flag, boolean_true_node));
      tree run = alloc_stmt_list ();
      add_stmt_to (&run, build_assign (flag, boolean_false_node));
      add_stmt_to (&run, TREE_OPERAND (t, 1));
      tree older = *runs;
      *runs = alloc_stmt_list ();
      add_stmt_to (runs, build_if (flag, run, no_line));
      add_stmt_to (runs, older);
      dissolve_cleanups (l, TREE_OPERAND (t, 0), out, runs);
    }
}

/* After the shape has made the finally: the outermost cleanups after the
   blocks, also when a block panics.  */
void
run_cleanups_after_blocks (lowering *l)
{
  tree out = alloc_stmt_list (), runs = alloc_stmt_list ();
  dissolve_cleanups (l, BIND_EXPR_BODY (l->outer), &out, &runs);
  BIND_EXPR_BODY (l->outer) = out;
  if (tsi_end_p (tsi_start (runs)))
    return;
  l->finally = build2 (TRY_FINALLY_EXPR, void_type_node, l->finally, runs);
  TREE_SIDE_EFFECTS (l->finally) = 1;
  SET_EXPR_LOCATION (l->finally, no_line);
}

void
lower_shape (lowering *l)
{
  switch (l->plan->shape)
    {
    case defer_rules::Shape::native_sites:
      lower_native (l);
      break;
    case defer_rules::Shape::mask:
      lower_with_mask (l);
      break;
    default:
      lower_with_records (l);
      break;
    }
  if (l->finally)
    run_cleanups_after_blocks (l);
}

} // namespace

void
lower_function (defer_scan *scan, const defer_rules::Analysis &a,
		const defer_rules::Plan &p)
{
  tree fndecl = scan->fndecl;
  lowering l = {scan, &a, &p, fndecl, outermost_bind (fndecl),
		alloc_stmt_list (), NULL_TREE};
  note_lowered (fndecl);
  extend_lifetimes (l);

  tree ret_type = TREE_TYPE (DECL_RESULT (fndecl));
  /* The closing brace: where a debugger steps after the deferred blocks.  */
  location_t end_loc = DECL_STRUCT_FUNCTION (fndecl)->function_end_locus;
  bool returns_value = !VOID_TYPE_P (ret_type);
  tree rv = NULL_TREE, done = NULL_TREE;
  if (returns_value)
    {
      rv = make_local (fndecl, "__defer_rv", TYPE_MAIN_VARIANT (ret_type));
      append_var (l.outer, rv);
      add_stmt_to (&l.prologue,
		   build_assign (rv, build_zero_cst (TREE_TYPE (rv))));
      done = build_label (fndecl, end_loc);
      redirect_returns (scan, rv, done);
    }
  bool recovers = scan->model.recovers;
  rewrite_recovers (scan);
  if (p.own_stack_frame)
    keep_own_stack_frame (fndecl);
  if (recovers && !done)
    done = build_label (fndecl, end_loc);

  lower_shape (&l);

  tree body = l.prologue;
  tree run = BIND_EXPR_BODY (l.outer);
  if (l.finally)
    {
      run = build2 (TRY_FINALLY_EXPR, void_type_node, run, l.finally);
      TREE_SIDE_EFFECTS (run) = 1;
      SET_EXPR_LOCATION (run, no_line);
    }
  add_stmt_to (&body, recovers ? return_if_recovered (run, done) : run);
  if (recovers && !returns_value)
    add_stmt_to (&body, build1 (LABEL_EXPR, void_type_node, done));
  if (returns_value)
    {
      add_stmt_to (&body, build1 (LABEL_EXPR, void_type_node, done));
      tree set = build2 (MODIFY_EXPR, ret_type, DECL_RESULT (fndecl), rv);
      tree ret = build1 (RETURN_EXPR, void_type_node, set);
      TREE_SIDE_EFFECTS (ret) = 1;
      SET_EXPR_LOCATION (ret, end_loc);
      add_stmt_to (&body, ret);
      walk_tree (&body, replace_result_r, rv, NULL);
    }
  BIND_EXPR_BODY (l.outer) = body;
}

} // namespace defer_gcc
