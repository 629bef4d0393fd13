/* The scan of scan.h: one walk over the body with a context that says
   which deferred block, loop and switch the walk is in.  */

#include "scan.h"

namespace {

struct walk_ctx
{
  defer_scan *scan;
  int site = -1;		/* innermost deferred block */
  int loop = -1;		/* innermost enclosing for/while/do */
  tree break_to = NULL_TREE;	/* what a `break` here leaves */
  tree continue_to = NULL_TREE; /* what a `continue` here continues */
  int switches_in_site = 0;	/* switches nested inside the block */
  unsigned switch_order = 0;	/* where the innermost switch starts */
  tree bind = NULL_TREE;	/* innermost BIND_EXPR */
  tree omp = NULL_TREE;		/* innermost OpenMP construct */
  location_t loc = UNKNOWN_LOCATION; /* latest statement location */
};

tree scan_r (tree *, int *, void *);

void
walk (tree *tp, walk_ctx *ctx)
{
  walk_tree (tp, scan_r, ctx, NULL);
}

/* The `defer` (or `defer_result`) that LOC, inside its macro expansion,
   came from.  */
location_t
keyword_location (location_t loc)
{
  return linemap_resolve_location (line_table, loc, LRK_MACRO_EXPANSION_POINT,
				   NULL);
}

void
error_with_note (location_t loc, const char *error, location_t note_loc,
		 const char *note, walk_ctx *ctx)
{
  error_at (loc, "%s", error);
  inform (note_loc, "%s", note);
  ctx->scan->errors++;
}

location_t
site_loc (walk_ctx *ctx, int site)
{
  return ctx->scan->sites[site].loc;
}

bool
empty_body_p (tree body)
{
  if (TREE_CODE (body) == STATEMENT_LIST)
    return tsi_end_p (tsi_start (body));
  return IS_EMPTY_STMT (body);
}

void
scan_site (tree *tp, walk_ctx *ctx)
{
  tree marker = *tp;
  defer_scan *scan = ctx->scan;
  location_t loc = keyword_location (EXPR_LOCATION (marker));
  if (ctx->site >= 0)
    error_with_note (loc, defer_rules::msg::nested_defer,
		     site_loc (ctx, ctx->site),
		     defer_rules::msg::note_enclosing_defer, ctx);
  if (ctx->omp)
    error_with_note (loc, defer_rules::msg::defer_in_omp,
		     EXPR_LOCATION (ctx->omp), defer_rules::msg::note_omp_here,
		     ctx);

  int index = scan->sites.size ();
  scan->sites.emplace_back ();
  defer_site &site = scan->sites.back ();
  site.slot = tp;
  site.body = FOR_BODY (marker);
  site.loc = loc;
  site.order = scan->order;
  site.loop = ctx->loop;
  site.in_goto_cycle = false;
  site.max_runs = 0;
  site.guard_slot = NULL;
  site.guard = NULL_TREE;
  if (defer_guard *g = scan->guards.get (marker))
    {
      site.guard_slot = g->slot;
      site.guard = g->cond;
    }

  if (empty_body_p (FOR_BODY (marker)))
    warning_at (loc, OPT_Wempty_body, "%s", defer_rules::msg::empty_body);

  walk_ctx inner = *ctx;
  inner.site = index;
  inner.break_to = marker;
  inner.continue_to = marker;
  inner.switches_in_site = 0;
  walk (&FOR_BODY (marker), &inner);
}

/* An OpenMP or OpenACC construct with a body (what OMP_BODY takes).  */
bool
omp_construct_p (tree t)
{
  return TREE_CODE (t) >= OACC_PARALLEL && TREE_CODE (t) <= OMP_MASTER;
}

/* Its body runs in other threads or in a function of its own: a `defer`
   there cannot register for this function's return, and a deferred block
   cannot hold one.  */
void
scan_omp (tree t, walk_ctx *ctx)
{
  if (ctx->site >= 0)
    {
      error_with_note (EXPR_LOCATION (t), defer_rules::msg::omp_in_defer,
		       site_loc (ctx, ctx->site),
		       defer_rules::msg::note_defer_here, ctx);
      return;
    }
  walk_ctx inner = *ctx;
  inner.omp = t;
  for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
    walk (&TREE_OPERAND (t, i), &inner);
}

/* The loop entry of STMT, made on first sight: a for-init scope is seen
   before its loop.  */
int
loop_index (tree stmt, walk_ctx *ctx)
{
  defer_scan *scan = ctx->scan;
  if (int *i = scan->loop_of_stmt.get (stmt))
    return *i;
  int i = scan->loops.length ();
  defer_loop l = {stmt, ctx->loop, 0, 0, 0};
  scan->loops.safe_push (l);
  scan->loop_of_stmt.put (stmt, i);
  return i;
}

void
scan_loop (tree t, tree *cond, tree *body, walk_ctx *ctx)
{
  if (cond)
    walk (cond, ctx);
  int index = loop_index (t, ctx);
  walk_ctx inner = *ctx;
  inner.loop = index;
  inner.break_to = t;
  inner.continue_to = t;
  ctx->scan->loops[index].body_start = ctx->scan->order;
  walk (body, &inner);
  ctx->scan->loops[index].body_end = ctx->scan->order;
}

/* The loop whose for-init declares the variables of BIND, if BIND is the
   scope the C front end opens around `for (int i = ...; ...)`.  */
tree
for_init_scope_of (tree bind)
{
  tree body = BIND_EXPR_BODY (bind);
  tree last = body;
  if (TREE_CODE (body) == STATEMENT_LIST)
    {
      tree_stmt_iterator it = tsi_last (body);
      last = tsi_end_p (it) ? NULL_TREE : tsi_stmt (it);
    }
  if (last && TREE_CODE (last) == FOR_STMT && !defer_site_marker_p (last)
      && EXPR_LOCATION (last) == EXPR_LOCATION (bind))
    return last;
  return NULL_TREE;
}

/* Whether BIND declares nothing but the `defer` pragma's __defer_result.  */
bool
declares_nothing_p (tree bind)
{
  for (tree v = BIND_EXPR_VARS (bind); v; v = DECL_CHAIN (v))
    if (!defer_result_decl_p (v))
      return false;
  return true;
}

/* The statement T stands for, through a one-statement list or block.  */
tree
only_statement (tree t)
{
  while (t)
    {
      if (TREE_CODE (t) == BIND_EXPR && declares_nothing_p (t))
	t = BIND_EXPR_BODY (t);
      else if (TREE_CODE (t) == STATEMENT_LIST)
	{
	  tree_stmt_iterator it = tsi_start (t);
	  if (tsi_end_p (it) || !tsi_one_before_end_p (it))
	    return NULL_TREE;
	  t = tsi_stmt (it);
	}
      else
	return t;
    }
  return t;
}

/* Whether the if T has no else branch (or an empty one).  */
bool
no_else_p (tree t)
{
  tree other = COND_EXPR_ELSE (t);
  return (!other || IS_EMPTY_STMT (other)
	  || (TREE_CODE (other) == STATEMENT_LIST
	      && tsi_end_p (tsi_start (other))));
}

/* `if (c) defer X;` with no else: remember the if for its defer.  */
void
note_guard (tree *tp, walk_ctx *ctx)
{
  tree t = *tp, then = only_statement (COND_EXPR_THEN (t));
  if (ctx->site >= 0 || !then || !defer_site_marker_p (then) || !no_else_p (t))
    return;
  defer_guard g = {tp, COND_EXPR_COND (t), ctx->scan->order};
  ctx->scan->guards.put (then, g);
}

/* The goto that is all of T, past the prediction the front end puts
   before it and debug markers, else null.  */
tree
only_goto (tree t)
{
  if (t && TREE_CODE (t) == BIND_EXPR && declares_nothing_p (t))
    t = BIND_EXPR_BODY (t);
  if (!t || TREE_CODE (t) != STATEMENT_LIST)
    return t && TREE_CODE (t) == GOTO_EXPR ? t : NULL_TREE;
  tree found = NULL_TREE;
  for (tree_stmt_iterator it = tsi_start (t); !tsi_end_p (it); tsi_next (&it))
    {
      tree s = tsi_stmt (it);
      if (TREE_CODE (s) == PREDICT_EXPR || TREE_CODE (s) == DEBUG_BEGIN_STMT)
	continue;
      if (found || TREE_CODE (s) != GOTO_EXPR)
	return NULL_TREE;
      found = s;
    }
  return found;
}

/* `if (c) goto L;` with no else: c, for the goto's cycle (loop-bounds.cc).  */
void
note_goto_cond (tree t, defer_scan *scan)
{
  tree jump = only_goto (COND_EXPR_THEN (t));
  if (jump && no_else_p (t))
    scan->goto_conds.put (jump, COND_EXPR_COND (t));
}

/* Assignments, increments and address-of applied to a local.  */
void
note_write (tree t, walk_ctx *ctx)
{
  bool address = TREE_CODE (t) == ADDR_EXPR;
  if (!address && TREE_CODE (t) != MODIFY_EXPR
      && TREE_CODE (t) != PREINCREMENT_EXPR
      && TREE_CODE (t) != PREDECREMENT_EXPR
      && TREE_CODE (t) != POSTINCREMENT_EXPR
      && TREE_CODE (t) != POSTDECREMENT_EXPR)
    return;
  tree base = TREE_OPERAND (t, 0);
  while (handled_component_p (base))
    base = TREE_OPERAND (base, 0);
  if (!VAR_P (base) && TREE_CODE (base) != PARM_DECL)
    return;
  defer_write w = {base, ctx->scan->order, EXPR_LOCATION (t), address,
		   ctx->site >= 0};
  ctx->scan->writes.safe_push (w);
}

void
scan_bind (tree t, walk_ctx *ctx)
{
  if (ctx->site < 0)
    {
      tree for_stmt = for_init_scope_of (t);
      int loop = for_stmt ? loop_index (for_stmt, ctx) : ctx->loop;
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	if (VAR_P (v))
	  {
	    if (variably_modified_type_p (TREE_TYPE (v), NULL_TREE))
	      ctx->scan->moves_stack = true;
	    defer_var info = {t, loop, ctx->scan->order};
	    ctx->scan->vars.put (v, info);
	  }
    }
  walk_ctx inner = *ctx;
  inner.bind = t;
  walk (&BIND_EXPR_BODY (t), &inner);
}

void
scan_jump_out (tree t, tree target, const char *error, walk_ctx *ctx)
{
  if (ctx->site >= 0 && target == *ctx->scan->sites[ctx->site].slot)
    error_with_note (EXPR_LOCATION (t), error, site_loc (ctx, ctx->site),
		     defer_rules::msg::note_defer_here, ctx);
}

void
scan_goto (tree t, walk_ctx *ctx)
{
  tree dest = GOTO_DESTINATION (t);
  if (TREE_CODE (dest) != LABEL_DECL)
    dest = NULL_TREE;
  tree *cond = ctx->scan->goto_conds.get (t);
  defer_goto g = {dest, EXPR_LOCATION (t), ctx->scan->order, ctx->site,
		  cond ? *cond : NULL_TREE};
  ctx->scan->gotos.safe_push (g);
}

bool
local_auto_var_p (tree t, tree fndecl)
{
  return (VAR_P (t) && DECL_CONTEXT (t) == fndecl && !TREE_STATIC (t)
	  && !DECL_EXTERNAL (t));
}

/* What is wrong with naming T here, if T is a defer_result.  */
const char *
result_misuse (tree t, walk_ctx *ctx)
{
  defer_scan *scan = ctx->scan;
  if (t == scan->result_guard)
    return defer_rules::msg::result_outside_block;
  if (!defer_result_decl_p (t) || DECL_CONTEXT (t) != scan->fndecl)
    return NULL;
  if (ctx->site < 0)
    return defer_rules::msg::result_outside_block;
  if (VOID_TYPE_P (TREE_TYPE (TREE_TYPE (scan->fndecl))))
    return defer_rules::msg::result_in_void_function;
  return NULL;
}

tree
scan_r (tree *tp, int *walk_subtrees, void *data)
{
  walk_ctx *ctx = (walk_ctx *) data;
  defer_scan *scan = ctx->scan;
  tree t = *tp;
  if (TYPE_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  scan->order++;
  if (EXPR_P (t) && EXPR_HAS_LOCATION (t))
    ctx->loc = EXPR_LOCATION (t);
  note_write (t, ctx);
  if (omp_construct_p (t))
    {
      *walk_subtrees = 0;
      scan_omp (t, ctx);
      return NULL_TREE;
    }

  switch (TREE_CODE (t))
    {
    case FOR_STMT:
      *walk_subtrees = 0;
      if (defer_site_marker_p (t))
	{
	  scan_site (tp, ctx);
	  break;
	}
      walk (&FOR_INIT_STMT (t), ctx);
      walk (&FOR_COND (t), ctx);
      walk (&FOR_EXPR (t), ctx);
      scan_loop (t, NULL, &FOR_BODY (t), ctx);
      break;
    case WHILE_STMT:
      *walk_subtrees = 0;
      scan_loop (t, &WHILE_COND (t), &WHILE_BODY (t), ctx);
      break;
    case DO_STMT:
      *walk_subtrees = 0;
      scan_loop (t, &DO_COND (t), &DO_BODY (t), ctx);
      break;
    case SWITCH_STMT:
      {
	*walk_subtrees = 0;
	walk (&SWITCH_STMT_COND (t), ctx);
	walk_ctx inner = *ctx;
	inner.break_to = t;
	inner.switches_in_site++;
	inner.switch_order = scan->order;
	walk (&SWITCH_STMT_BODY (t), &inner);
	break;
      }
    case BIND_EXPR:
      *walk_subtrees = 0;
      scan_bind (t, ctx);
      break;
    case COND_EXPR:
      note_guard (tp, ctx);
      note_goto_cond (t, ctx->scan);
      break;
    case SAVE_EXPR:
      /* The size of a variably modified type, as in `(int (*)[n]) p`, is
	 shared by each use of the type and evaluated at the first: a
	 `defer` in it is one site.  */
      if (scan->save_exprs.add (t))
	*walk_subtrees = 0;
      break;
    case DECL_EXPR:
      /* Initializers can hold statement expressions; nested function
	 bodies are scanned on their own.  */
      *walk_subtrees = 0;
      if (defer_var *v = scan->vars.get (DECL_EXPR_DECL (t)))
	v->order = scan->order;
      if (VAR_P (DECL_EXPR_DECL (t)) && !TREE_STATIC (DECL_EXPR_DECL (t)))
	walk (&DECL_INITIAL (DECL_EXPR_DECL (t)), ctx);
      break;
    case RETURN_EXPR:
      if (ctx->site >= 0)
	error_with_note (EXPR_LOCATION (t), defer_rules::msg::return_in_defer,
			 site_loc (ctx, ctx->site),
			 defer_rules::msg::note_defer_here, ctx);
      else
	scan->returns.safe_push (tp);
      break;
    case BREAK_STMT:
      scan_jump_out (t, ctx->break_to, defer_rules::msg::break_out_of_defer,
		     ctx);
      break;
    case CONTINUE_STMT:
      scan_jump_out (t, ctx->continue_to,
		     defer_rules::msg::continue_out_of_defer, ctx);
      break;
    case GOTO_EXPR:
      scan_goto (t, ctx);
      break;
    case LABEL_EXPR:
      {
	defer_label l = {LABEL_EXPR_LABEL (t), scan->order, ctx->site};
	scan->labels.safe_push (l);
	break;
      }
    case CASE_LABEL_EXPR:
      if (ctx->site >= 0 && ctx->switches_in_site == 0)
	error_with_note (EXPR_LOCATION (t), defer_rules::msg::case_jump,
			 site_loc (ctx, ctx->site),
			 defer_rules::msg::note_enters, ctx);
      scan->cases.safe_push ({scan->order, ctx->switch_order});
      break;
    case CALL_EXPR:
      {
	tree fn = get_callee_fndecl (t);
	if (fn && setjmp_call_p (fn))
	  scan->calls_setjmp = true;
	if (fn && fndecl_built_in_p (fn, BUILT_IN_NORMAL)
	    && ALLOCA_FUNCTION_CODE_P (DECL_FUNCTION_CODE (fn)))
	  scan->moves_stack = true;
	if (fn && ctx->site >= 0 && DECL_NAME (fn)
	    && id_equal (DECL_NAME (fn), "__defer_recover"))
	  scan->recovers.safe_push (tp);
	break;
      }
    case ADDR_EXPR:
      if (TREE_CODE (TREE_OPERAND (t, 0)) == LABEL_DECL)
	scan->address_taken_labels.safe_push (TREE_OPERAND (t, 0));
      break;
    case VAR_DECL:
      if (result_misuse (t, ctx))
	{
	  error_at (keyword_location (ctx->loc), "%s", result_misuse (t, ctx));
	  scan->errors++;
	}
      else if (ctx->site >= 0 && local_auto_var_p (t, scan->fndecl)
	       && !defer_result_decl_p (t))
	scan->named_by_site.safe_push (std::make_pair (ctx->site, t));
      break;
    default:
      break;
    }
  return NULL_TREE;
}

const defer_label *
find_label (const defer_scan &scan, tree label)
{
  for (const defer_label &l : scan.labels)
    if (l.label == label)
      return &l;
  return NULL;
}

/* `goto *p` may reach any label whose address is taken: it must stay in
   its deferred block, and one outside deferred blocks must not enter one.
   Only the latter makes the function's control flow unknown.  */
void
check_computed_goto (defer_scan *scan, const defer_goto &g)
{
  if (g.site < 0)
    scan->has_computed_goto = true;
  for (tree label : scan->address_taken_labels)
    {
      const defer_label *l = find_label (*scan, label);
      if (!l || l->site == g.site)
	continue;
      error_at (g.loc, "%s", defer_rules::msg::indirect_goto_jump);
      if (g.site >= 0)
	inform (scan->sites[g.site].loc, "%s", defer_rules::msg::note_exits);
      else
	inform (scan->sites[l->site].loc, "%s", defer_rules::msg::note_enters);
      scan->errors++;
      return;
    }
}

/* A goto in a nested function to a label of the function scanned.  */
tree
nonlocal_goto_r (tree *tp, int *walk_subtrees, void *data)
{
  defer_scan *scan = (defer_scan *) data;
  tree t = *tp;
  if (TYPE_P (t))
    *walk_subtrees = 0;
  else if (TREE_CODE (t) == GOTO_EXPR
	   && TREE_CODE (GOTO_DESTINATION (t)) == LABEL_DECL
	   && DECL_CONTEXT (GOTO_DESTINATION (t)) == scan->fndecl)
    {
      defer_goto g = {GOTO_DESTINATION (t), EXPR_LOCATION (t),
		      scan->order + 1, -1, NULL_TREE};
      scan->gotos.safe_push (g);
    }
  return NULL_TREE;
}

/* A function nested in FNDECL (at any depth) may jump to a label of the
   function scanned whenever it runs: its goto counts as one from the end
   of the function, which may close a cycle and may not enter a deferred
   block.  */
void
note_nonlocal_gotos (defer_scan *scan, tree fndecl)
{
  cgraph_node *node = cgraph_node::get (fndecl);
  if (!node)
    return;
  for (cgraph_node *n = first_nested_function (node); n;
       n = next_nested_function (n))
    {
      walk_tree_without_duplicates (&DECL_SAVED_TREE (n->decl),
				    nonlocal_goto_r, scan);
      note_nonlocal_gotos (scan, n->decl);
    }
}

/* Gotos into or out of deferred blocks are errors; a backward goto puts
   every site between its label and itself in a cycle.  */
void
check_gotos (defer_scan *scan)
{
  for (const defer_goto &g : scan->gotos)
    {
      if (!g.dest)
	{
	  check_computed_goto (scan, g);
	  continue;
	}
      const defer_label *l = find_label (*scan, g.dest);
      if (!l && g.site >= 0 && DECL_CONTEXT (g.dest) != scan->fndecl)
	{
	  /* To a label of an enclosing function.  */
	  error_at (g.loc, "%s", defer_rules::msg::goto_jump);
	  inform (scan->sites[g.site].loc, "%s", defer_rules::msg::note_exits);
	  scan->errors++;
	}
      if (!l)
	continue;
      if (g.site != l->site)
	{
	  error_at (g.loc, "%s", defer_rules::msg::goto_jump);
	  if (g.site >= 0)
	    inform (scan->sites[g.site].loc, "%s",
		    defer_rules::msg::note_exits);
	  if (l->site >= 0)
	    inform (scan->sites[l->site].loc, "%s",
		    defer_rules::msg::note_enters);
	  scan->errors++;
	  continue;
	}
      if (l->order < g.order && g.site < 0)
	for (defer_site &s : scan->sites)
	  if (l->order <= s.order && s.order <= g.order)
	    s.in_goto_cycle = true;
    }
}

bool
in_backward_goto_cycle (const defer_scan &scan, unsigned a, unsigned b)
{
  for (const defer_goto &g : scan.gotos)
    if (const defer_label *l = g.dest ? find_label (scan, g.dest) : NULL)
      if (l->order < g.order && g.site < 0 && l->order <= a && a <= g.order
	  && l->order <= b && b <= g.order)
	return true;
  return false;
}

const char *
var_name (tree var)
{
  return DECL_NAME (var) ? IDENTIFIER_POINTER (DECL_NAME (var)) : "?";
}

/* SEMANTICS.md section 3: a variable declared in a loop (or cycle) that
   contains the defer is copied when the defer registers.  */
void
choose_copies (defer_scan *scan)
{
  for (const std::pair<int, tree> &use : scan->named_by_site)
    {
      defer_site &s = scan->sites[use.first];
      defer_var *v = scan->vars.get (use.second);
      if (!v || std::count (s.copies.begin (), s.copies.end (), use.second))
	continue;
      bool copy = (v->loop >= 0
		   || in_backward_goto_cycle (*scan, v->order, s.order));
      bool extend = !copy && v->bind != DECL_SAVED_TREE (scan->fndecl);
      if ((copy || extend)
	  && variably_modified_type_p (TREE_TYPE (use.second), NULL_TREE))
	{
	  const char *name = var_name (use.second);
	  std::string m = copy ? defer_rules::vla_copy (name)
			       : defer_rules::vla_in_deferred_block (name);
	  error_at (s.loc, "%s", m.c_str ());
	  scan->errors++;
	}
      else if (copy)
	s.copies.push_back (use.second);
    }
}

struct stable_ctx
{
  const defer_scan *scan;
  unsigned since;
};

/* Whether *TP may be evaluated again later with the same result: no side
   effects, no memory but locals that nothing can change after SINCE.  */
tree
unstable_r (tree *tp, int *walk_subtrees, void *data)
{
  stable_ctx *c = (stable_ctx *) data;
  tree t = *tp;
  if (CONSTANT_CLASS_P (t))
    return NULL_TREE;
  if (VAR_P (t) || TREE_CODE (t) == PARM_DECL)
    {
      if (DECL_CONTEXT (t) != c->scan->fndecl || TREE_STATIC (t)
	  || DECL_EXTERNAL (t) || TREE_ADDRESSABLE (t)
	  || TREE_THIS_VOLATILE (t) || DECL_NONLOCAL (t))
	return t;
      for (const defer_write &w : c->scan->writes)
	if (w.var == t && (w.order > c->since || w.in_defer))
	  return t;
      return NULL_TREE;
    }
  if (TREE_SIDE_EFFECTS (t)
      || !(UNARY_CLASS_P (t) || BINARY_CLASS_P (t) || COMPARISON_CLASS_P (t)
	   || TREE_CODE (t) == TRUTH_ANDIF_EXPR
	   || TREE_CODE (t) == TRUTH_ORIF_EXPR
	   || TREE_CODE (t) == TRUTH_NOT_EXPR || CONVERT_EXPR_P (t)
	   || TREE_CODE (t) == NON_LVALUE_EXPR))
    return t;
  (void) walk_subtrees;
  return NULL_TREE;
}

/* Keep a site's guard only where testing it again at exit is exact, and
   only in functions with no nested functions (which could change it).  */
void
check_guards (defer_scan *scan)
{
  cgraph_node *node = cgraph_node::get (scan->fndecl);
  bool has_nested = node && first_nested_function (node);
  for (defer_site &s : scan->sites)
    {
      if (!s.guard)
	continue;
      defer_guard *g = NULL;
      for (auto it = scan->guards.begin (); it != scan->guards.end (); ++it)
	if ((*it).second.slot == s.guard_slot)
	  g = &(*it).second;
      stable_ctx c = {scan, g ? g->order : 0};
      if (has_nested || !g
	  || walk_tree_without_duplicates (&s.guard, unstable_r, &c))
	{
	  s.guard = NULL_TREE;
	  s.guard_slot = NULL;
	}
    }
}

/* Writes to a copied variable later in the same loop body.  */
void
warn_late_writes (const defer_scan &scan)
{
  for (const defer_site &s : scan.sites)
    {
      if (s.loop < 0)
	continue;
      const defer_loop &l = scan.loops[s.loop];
      for (tree var : s.copies)
	for (const defer_write &w : scan.writes)
	  if (w.var == var && !w.in_defer && w.order > s.order
	      && w.order <= l.body_end)
	    {
	      std::string m = w.address
		? defer_rules::copied_then_address_taken (var_name (var))
		: defer_rules::copied_then_assigned (var_name (var));
	      auto_diagnostic_group d;
	      if (warning_at (w.loc, 0, "%s", m.c_str ()))
		inform (s.loc, "%s",
			defer_rules::note_copied_here (var_name (var)).c_str ());
	    }
    }
}

} // namespace

unsigned
scan_function (tree fndecl, defer_scan *scan)
{
  scan->fndecl = fndecl;
  scan->result_guard = defer_result_guard ();
  walk_ctx ctx;
  ctx.scan = scan;
  walk (&DECL_SAVED_TREE (fndecl), &ctx);
  note_nonlocal_gotos (scan, fndecl);
  check_gotos (scan);
  bound_loop_sites (scan);
  choose_copies (scan);
  warn_late_writes (*scan);
  check_guards (scan);
  return scan->sites.size ();
}

defer_rules::FunctionFacts
function_facts (const defer_scan &scan)
{
  defer_rules::FunctionFacts facts;
  facts.name = IDENTIFIER_POINTER (DECL_NAME (scan.fndecl));
  facts.has_computed_goto = scan.has_computed_goto;
  facts.calls_setjmp = scan.calls_setjmp;
  for (const defer_site &s : scan.sites)
    {
      defer_rules::SiteFacts f;
      f.line = LOCATION_LINE (s.loc);
      f.in_loop = s.loop >= 0;
      f.in_goto_cycle = s.in_goto_cycle;
      f.max_runs = s.max_runs;
      for (tree v : s.copies)
	f.copies.push_back (var_name (v));
      facts.sites.push_back (f);
    }
  return facts;
}
