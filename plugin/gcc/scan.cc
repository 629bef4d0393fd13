/* The scan of scan.h: one walk over the body with a context that says
   which deferred block, loop and switch the walk is in.  */

#include "scan.h"

namespace {

struct walk_ctx
{
  defer_scan *scan;
  int site = -1;		/* innermost deferred block */
  int loops = 0;		/* enclosing for/while/do */
  tree break_to = NULL_TREE;	/* what a `break` here leaves */
  tree continue_to = NULL_TREE; /* what a `continue` here continues */
  int switches_in_site = 0;	/* switches nested inside the block */
  tree bind = NULL_TREE;	/* innermost BIND_EXPR */
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

  defer_site site = {tp, FOR_BODY (marker), loc, scan->order,
		     ctx->loops > 0, false};
  int index = scan->sites.length ();
  scan->sites.safe_push (site);

  if (empty_body_p (FOR_BODY (marker)))
    warning_at (loc, OPT_Wempty_body, "%s", defer_rules::msg::empty_body);

  walk_ctx inner = *ctx;
  inner.site = index;
  inner.break_to = marker;
  inner.continue_to = marker;
  inner.switches_in_site = 0;
  walk (&FOR_BODY (marker), &inner);
}

void
scan_loop (tree t, tree *cond, tree *body, walk_ctx *ctx)
{
  if (cond)
    walk (cond, ctx);
  walk_ctx inner = *ctx;
  inner.loops++;
  inner.break_to = t;
  inner.continue_to = t;
  walk (body, &inner);
}

void
scan_bind (tree t, walk_ctx *ctx)
{
  if (ctx->site < 0)
    for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
      if (VAR_P (v))
	ctx->scan->scope_of.put (v, t);
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
  location_t loc = EXPR_LOCATION (t);
  if (TREE_CODE (dest) == LABEL_DECL)
    {
      defer_goto g = {dest, loc, ctx->scan->order, ctx->site};
      ctx->scan->gotos.safe_push (g);
      return;
    }
  ctx->scan->has_computed_goto = true;
  if (ctx->site >= 0)
    error_with_note (loc, defer_rules::msg::indirect_goto_jump,
		     site_loc (ctx, ctx->site), defer_rules::msg::note_exits,
		     ctx);
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
	walk (&SWITCH_STMT_BODY (t), &inner);
	break;
      }
    case BIND_EXPR:
      *walk_subtrees = 0;
      scan_bind (t, ctx);
      break;
    case DECL_EXPR:
      /* Initializers can hold statement expressions; nested function
	 bodies are scanned on their own.  */
      *walk_subtrees = 0;
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
      break;
    case CALL_EXPR:
      {
	tree fn = get_callee_fndecl (t);
	if (fn && setjmp_call_p (fn))
	  scan->calls_setjmp = true;
	break;
      }
    case VAR_DECL:
      if (result_misuse (t, ctx))
	{
	  error_at (keyword_location (ctx->loc), "%s", result_misuse (t, ctx));
	  scan->errors++;
	}
      else if (ctx->site >= 0 && local_auto_var_p (t, scan->fndecl))
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

/* Gotos into or out of deferred blocks are errors; a backward goto puts
   every site between its label and itself in a cycle.  */
void
check_gotos (defer_scan *scan)
{
  for (const defer_goto &g : scan->gotos)
    {
      const defer_label *l = find_label (*scan, g.dest);
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
      if (l->order < g.order)
	for (defer_site &s : scan->sites)
	  if (l->order <= s.order && s.order <= g.order)
	    s.in_goto_cycle = true;
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
  check_gotos (scan);
  return scan->sites.length ();
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
      f.in_loop = s.in_loop;
      f.in_goto_cycle = s.in_goto_cycle;
      facts.sites.push_back (f);
    }
  return facts;
}
