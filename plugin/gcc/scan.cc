// SPDX-License-Identifier: MIT
/* The scan of scan.h: one pre-order walk over the body, in source order,
   with a context that says which deferred block, loop and switch the walk
   is in; one handler per kind of statement.  */

#include "scan.h"
#include "scoped.h"

#include "build.h"

using defer_rules::none;

namespace defer_gcc {

defer_rules::Where
where (defer_scan *scan, location_t loc)
{
  scan->locations.push_back (loc);
  return {unsigned (scan->locations.size () - 1), unsigned (LOCATION_LINE (loc))};
}

int
var_id (const defer_scan &scan, tree decl)
{
  const int *id = const_cast<defer_scan &> (scan).var_ids.get (decl);
  return id ? *id : none;
}

namespace {

/* Where the walk is.  */
struct context
{
  int site = none;	   /* innermost deferred block */
  int loop = none;	   /* innermost loop */
  bool in_header = false;  /* in that loop's init, condition or step */
  unsigned break_at = 0;   /* what a `break` here binds to */
  unsigned continue_at = 0;
  int switch_site = none;  /* the deferred block of the innermost switch */
  unsigned switch_at = 0;
  location_t loc = UNKNOWN_LOCATION; /* latest statement location */
};

/* The `defer` (or `defer_result`) that LOC, inside its macro expansion,
   came from.  */
location_t
keyword_location (location_t loc)
{
  return linemap_resolve_location (line_table, loc, LRK_MACRO_EXPANSION_POINT,
				   NULL);
}

bool
empty_body_p (tree body)
{
  if (TREE_CODE (body) == STATEMENT_LIST)
    return tsi_end_p (tsi_start (body));
  return IS_EMPTY_STMT (body);
}

/* An OpenMP or OpenACC construct with a body (what OMP_BODY takes).  */
bool
omp_construct_p (tree t)
{
  return TREE_CODE (t) >= OACC_PARALLEL && TREE_CODE (t) <= OMP_MASTER;
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
	  tree found = NULL_TREE;
	  for (tree_stmt_iterator it = tsi_start (t); !tsi_end_p (it);
	       tsi_next (&it))
	    {
	      tree s = tsi_stmt (it);
	      /* The prediction the front end puts before a goto, and debug
		 markers, are not statements of the user's.  */
	      if (TREE_CODE (s) == PREDICT_EXPR
		  || TREE_CODE (s) == DEBUG_BEGIN_STMT)
		continue;
	      if (found)
		return NULL_TREE;
	      found = s;
	    }
	  t = found;
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

bool
local_auto_var_p (tree t, tree fndecl)
{
  return ((VAR_P (t) || TREE_CODE (t) == PARM_DECL)
	  && DECL_CONTEXT (t) == fndecl && !TREE_STATIC (t)
	  && !DECL_EXTERNAL (t));
}

/* A variable-length array: an object whose size is not constant.  */
bool
vla_p (tree decl)
{
  return DECL_SIZE_UNIT (decl) && !TREE_CONSTANT (DECL_SIZE_UNIT (decl));
}

class walker
{
public:
  walker (defer_scan *scan);
  void walk_body ();
  void finish ();

private:
  defer_scan *scan;
  defer_rules::Function &fn;
  context ctx;
  unsigned pos = 0;
  hash_map<tree, int> label_ids;
  std::vector<tree> goto_dests;		/* per model goto: its LABEL_DECL */
  std::vector<tree> address_taken_labels;
  hash_map<tree, int> loop_ids;		/* FOR/WHILE/DO_STMT -> model loop */
  hash_map<tree, int> scoped_ids;	/* _Defer marker -> model scoped */
  hash_map<tree, int> guard_of;		/* marker -> model guard */
  hash_map<tree, tree *> guard_slot_of;	/* marker -> where its if sits */
  hash_map<tree, tree> goto_conds;	/* goto -> c of `if (c) goto L;` */
  hash_set<tree> evaluated_once;	/* SAVE_EXPRs, TARGET_EXPRs walked */
  tree outer;				/* the outermost block's BIND_EXPR */
  hash_set<tree *> top_slots;		/* its statements */

  static tree visit_cb (tree *tp, int *walk_subtrees, void *data);
  tree visit (tree *tp, int *walk_subtrees);
  void walk (tree *tp);
  void walk_in (tree *tp, const context &c);

  int add_var (tree decl, tree bind, int loop);
  int loop_index (tree stmt);
  void note_write (tree t);
  void note_asm_writes (tree t);
  void note_if (tree *tp);
  void site (tree *tp);
  void scoped_site (tree *tp);
  void statement_list (tree t);
  void loop (tree t);
  void switch_stmt (tree t);
  void bind (tree t);
  void decl_expr (tree t);
  void exit (tree t, defer_rules::Exit::Kind kind, unsigned target);
  void go_to (tree t);
  void label (tree t);
  void case_label (tree t);
  void call (tree *tp);
  void omp (tree t);
  void reference (tree t);
  void note_nested_functions (tree fndecl);
};

walker::walker (defer_scan *s) : scan (s), fn (s->model)
{
  tree fndecl = scan->fndecl;
  fn.name = IDENTIFIER_POINTER (DECL_NAME (fndecl));
  fn.returns_void = VOID_TYPE_P (TREE_TYPE (TREE_TYPE (fndecl)));
  cgraph_node *node = cgraph_node::get (fndecl);
  fn.has_nested_functions = node && first_nested_function (node);
  outer = outermost_bind (fndecl);
  for (tree p = DECL_ARGUMENTS (fndecl); p; p = DECL_CHAIN (p))
    add_var (p, NULL_TREE, none);
  /* The statements of the outermost block, as a list even when there is
     one: they are where a cleanup can stand (plan.h's native sites).  */
  tree *body = &BIND_EXPR_BODY (outer);
  if (TREE_CODE (*body) != STATEMENT_LIST)
    {
      tree list = alloc_stmt_list ();
      append_to_statement_list_force (*body, &list);
      *body = list;
    }
  for (tree_stmt_iterator it = tsi_start (*body); !tsi_end_p (it);
       tsi_next (&it))
    top_slots.add (tsi_stmt_ptr (it));
}

int
walker::add_var (tree decl, tree bind, int loop)
{
  defer_rules::Variable v;
  tree type = TREE_TYPE (decl);
  v.name = DECL_NAME (decl) ? IDENTIFIER_POINTER (DECL_NAME (decl)) : "?";
  v.where = where (scan, DECL_SOURCE_LOCATION (decl));
  v.declared_at = pos;
  v.loop = loop;
  v.outermost = !bind || bind == outer;
  v.variably_modified = variably_modified_type_p (type, NULL_TREE);
  v.vla = v.variably_modified && vla_p (decl);
  v.address_taken = TREE_ADDRESSABLE (decl) || DECL_NONLOCAL (decl);
  v.is_volatile = TREE_THIS_VOLATILE (decl);
  v.has_cleanup = lookup_attribute ("cleanup", DECL_ATTRIBUTES (decl));
  v.integer = INTEGRAL_TYPE_P (type) && TREE_CODE (type) != BOOLEAN_TYPE;
  v.precision = TYPE_PRECISION (type);
  v.is_signed = !TYPE_UNSIGNED (type);
  tree init = VAR_P (decl) ? DECL_INITIAL (decl) : NULL_TREE;
  if (init && TREE_CODE (init) == INTEGER_CST && tree_fits_shwi_p (init))
    {
      v.constant_init = true;
      v.init = tree_to_shwi (init);
    }
  int id = fn.vars.size ();
  fn.vars.push_back (v);
  scan->vars.push_back (decl);
  scan->var_binds.push_back (bind);
  scan->var_ids.put (decl, id);
  if (v.variably_modified && !v.vla)
    fn.vars[id].size_vars = size_vars (*scan, type);
  if (v.vla)
    fn.moves_stack = true;
  return id;
}

tree
walker::visit_cb (tree *tp, int *walk_subtrees, void *data)
{
  return static_cast<walker *> (data)->visit (tp, walk_subtrees);
}

void
walker::walk (tree *tp)
{
  if (*tp)
    walk_tree (tp, visit_cb, this, NULL);
}

/* Walk *TP in context C, then come back to this one.  */
void
walker::walk_in (tree *tp, const context &c)
{
  context saved = ctx;
  ctx = c;
  walk (tp);
  ctx = saved;
}

/* The model loop of STMT, made on first sight: a for-init scope is seen
   before its loop.  */
int
walker::loop_index (tree stmt)
{
  if (int *i = loop_ids.get (stmt))
    return *i;
  int i = fn.loops.size ();
  fn.loops.emplace_back ();
  fn.loops[i].parent = ctx.loop;
  loop_ids.put (stmt, i);
  return i;
}

/* The variable an lvalue denotes, through fields and array elements
   (not through pointers: a write through a pointer is not one to it).  */
tree
lvalue_base (tree t)
{
  while (handled_component_p (t))
    t = TREE_OPERAND (t, 0);
  return t;
}

/* Assignments, increments and address-of applied to a variable.  */
void
walker::note_write (tree t)
{
  defer_rules::WriteKind kind = defer_rules::WriteKind::assign;
  switch (TREE_CODE (t))
    {
    case ADDR_EXPR:
      kind = defer_rules::WriteKind::address;
      break;
    case MODIFY_EXPR:
    case PREINCREMENT_EXPR:
    case PREDECREMENT_EXPR:
    case POSTINCREMENT_EXPR:
    case POSTDECREMENT_EXPR:
      break;
    case ASM_EXPR:
      note_asm_writes (t);
      return;
    default:
      return;
    }
  int v = var_id (*scan, lvalue_base (TREE_OPERAND (t, 0)));
  if (v != none)
    fn.writes.push_back ({v, pos, where (scan, EXPR_LOCATION (t)), kind,
			  ctx.site});
}

/* An asm writes its output operands; a memory operand, input or output,
   lets it write the object through its address.  */
void
walker::note_asm_writes (tree t)
{
  for (tree op = ASM_OUTPUTS (t); op; op = TREE_CHAIN (op))
    {
      int v = var_id (*scan, lvalue_base (TREE_VALUE (op)));
      if (v != none)
	fn.writes.push_back ({v, pos, where (scan, EXPR_LOCATION (t)),
			      defer_rules::WriteKind::asm_output, ctx.site});
    }
  for (tree op = ASM_INPUTS (t); op; op = TREE_CHAIN (op))
    {
      const char *constraint
	= TREE_STRING_POINTER (TREE_VALUE (TREE_PURPOSE (op)));
      int v = var_id (*scan, lvalue_base (TREE_VALUE (op)));
      if (v != none && strpbrk (constraint, "mopVX<>"))
	fn.vars[v].address_taken = true;
    }
}

/* `if (c) defer X;` and `if (c) goto L;` with no else: the guard of the
   defer, the counted test of the goto.  */
void
walker::note_if (tree *tp)
{
  tree t = *tp, then = only_statement (COND_EXPR_THEN (t));
  if (!then || !no_else_p (t))
    return;
  if (TREE_CODE (then) == GOTO_EXPR)
    goto_conds.put (then, COND_EXPR_COND (t));
  if (ctx.site != none || !defer_site_marker_p (then))
    return;
  guard_of.put (then, fn.guards.size ());
  guard_slot_of.put (then, tp);
  fn.guards.push_back (guard_facts (*scan, COND_EXPR_COND (t), pos));
}

void
walker::site (tree *tp)
{
  tree marker = *tp;
  location_t loc = keyword_location (EXPR_LOCATION (marker));
  defer_rules::Site s;
  s.at = pos;
  s.where = where (scan, loc);
  s.loop = ctx.loop;
  s.in_loop_header = ctx.in_header;
  s.parent = ctx.site;
  s.empty = empty_body_p (FOR_BODY (marker));
  tree *guard_slot = NULL;
  if (int *g = guard_of.get (marker))
    {
      s.guard = *g;
      guard_slot = *guard_slot_of.get (marker);
    }
  s.outermost = top_slots.contains (guard_slot ? guard_slot : tp);
  int index = fn.sites.size ();
  fn.sites.push_back (s);
  scan->sites.push_back ({tp, FOR_BODY (marker), loc, guard_slot,
			  guard_slot ? COND_EXPR_COND (*guard_slot)
				     : NULL_TREE});

  context inner = ctx;
  inner.site = index;
  inner.break_at = inner.continue_at = s.at;
  walk_in (&FOR_BODY (marker), inner);
  fn.sites[index].last = pos;
}

/* A `_Defer`: no Go-style site, but break and continue in its statement
   bind to its marker loop as in one.  Pending until the end of its block
   when it is a statement of one (statement_list), else nowhere.  */
void
walker::scoped_site (tree *tp)
{
  tree marker = *tp;
  defer_rules::ScopedDefer s;
  s.at = pos;
  s.where = where (scan, keyword_location (EXPR_LOCATION (marker)));
  s.empty = empty_body_p (FOR_BODY (marker));
  if (top_slots.contains (tp))
    fn.outermost_cleanup = s.outermost = true;
  int index = fn.scoped.size ();
  fn.scoped.push_back (s);
  scoped_ids.put (marker, index);
  context inner = ctx;
  inner.break_at = inner.continue_at = s.at;
  walk_in (&FOR_BODY (marker), inner);
  fn.scoped[index].last = fn.scoped[index].scope_last = pos;
}

/* A block's statements: a `_Defer` among them is pending to its end.  */
void
walker::statement_list (tree t)
{
  std::vector<int> here;
  for (tree_stmt_iterator it = tsi_start (t); !tsi_end_p (it); tsi_next (&it))
    {
      walk (tsi_stmt_ptr (it));
      tree marker = defer_scoped_marker_in (tsi_stmt (it));
      if (int *i = marker ? scoped_ids.get (marker) : NULL)
	here.push_back (*i);
    }
  for (int i : here)
    fn.scoped[i].scope_last = pos;
}

/* A loop's parts in source order, all inside the loop: a for-init
   declaration belongs to the loop (the language reference's copies), and
   code in the condition or step runs once per pass as the body does.  */
void
walker::loop (tree t)
{
  int index = loop_index (t);
  defer_rules::Loop &l = fn.loops[index];
  l.at = pos;
  context inner = ctx;
  inner.loop = index;
  inner.in_header = true;
  inner.break_at = inner.continue_at = pos;
  context body = inner;
  body.in_header = false;
  auto visit_body = [&] (tree *b) {
    fn.loops[index].body_first = pos + 1;
    walk_in (b, body);
    fn.loops[index].body_last = pos;
  };
  switch (TREE_CODE (t))
    {
    case FOR_STMT:
      l.kind = defer_rules::Loop::for_loop;
      walk_in (&FOR_INIT_STMT (t), inner);
      walk_in (&FOR_COND (t), inner);
      walk_in (&FOR_EXPR (t), inner);
      visit_body (&FOR_BODY (t));
      fn.loops[index].step_var = stepped_var (*scan, FOR_EXPR (t));
      fn.loops[index].test = loop_test (*scan, FOR_COND (t));
      break;
    case WHILE_STMT:
      l.kind = defer_rules::Loop::while_loop;
      walk_in (&WHILE_COND (t), inner);
      visit_body (&WHILE_BODY (t));
      fn.loops[index].step_var = body_stepped_var (*scan, WHILE_BODY (t));
      fn.loops[index].test = loop_test (*scan, WHILE_COND (t));
      break;
    default:
      l.kind = defer_rules::Loop::do_loop;
      visit_body (&DO_BODY (t));
      walk_in (&DO_COND (t), inner);
      fn.loops[index].step_var = body_stepped_var (*scan, DO_BODY (t));
      fn.loops[index].test = loop_test (*scan, DO_COND (t));
      break;
    }
  fn.loops[index].last = pos;
}

void
walker::switch_stmt (tree t)
{
  walk (&SWITCH_STMT_COND (t));
  context inner = ctx;
  inner.break_at = pos;
  inner.switch_site = ctx.site;
  inner.switch_at = pos;
  walk_in (&SWITCH_STMT_BODY (t), inner);
}

void
walker::bind (tree t)
{
  if (ctx.site == none)
    {
      tree for_stmt = for_init_scope_of (t);
      int loop = for_stmt ? loop_index (for_stmt) : ctx.loop;
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	if (local_auto_var_p (v, scan->fndecl) && !defer_result_decl_p (v))
	  add_var (v, t, loop);
    }
  walk (&BIND_EXPR_BODY (t));
}

/* Initialisers can hold statement expressions; nested function bodies
   are scanned on their own.  */
void
walker::decl_expr (tree t)
{
  tree decl = DECL_EXPR_DECL (t);
  int v = var_id (*scan, decl);
  if (v != none)
    fn.vars[v].declared_at = pos;
  if (!VAR_P (decl) || TREE_STATIC (decl))
    return;
  /* Clang emits a cleanup's block twice: such locals do not survive.  */
  if (ctx.site != none
      && (variably_modified_type_p (TREE_TYPE (decl), NULL_TREE)
	  || (TREE_CODE (TREE_TYPE (decl)) == ARRAY_TYPE
	      && DECL_INITIAL (decl))))
    fn.blocks_need_one_copy = true;
  walk (&DECL_INITIAL (decl));
}

void
walker::exit (tree t, defer_rules::Exit::Kind kind, unsigned target)
{
  fn.exits.push_back ({kind, pos, where (scan, EXPR_LOCATION (t)), ctx.site,
		       target});
}

void
walker::go_to (tree t)
{
  tree dest = GOTO_DESTINATION (t);
  defer_rules::Goto g;
  g.at = pos;
  g.where = where (scan, EXPR_LOCATION (t));
  g.site = ctx.site;
  bool direct = TREE_CODE (dest) == LABEL_DECL;
  g.to_enclosing_function = direct && DECL_CONTEXT (dest) != scan->fndecl;
  if (tree *cond = goto_conds.get (t))
    g.counted = counted_goto_test (*scan, *cond);
  fn.gotos.push_back (g);
  goto_dests.push_back (direct ? dest : NULL_TREE);
}

void
walker::label (tree t)
{
  label_ids.put (LABEL_EXPR_LABEL (t), fn.labels.size ());
  fn.labels.push_back ({pos, ctx.site, false});
  if (ctx.site != none)
    fn.blocks_need_one_copy = true;
}

void
walker::case_label (tree t)
{
  fn.cases.push_back ({pos, where (scan, EXPR_LOCATION (t)), ctx.site,
		       ctx.switch_site, ctx.switch_at});
}

void
walker::call (tree *tp)
{
  tree fndecl = get_callee_fndecl (*tp);
  if (!fndecl)
    return;
  if (setjmp_call_p (fndecl))
    fn.calls_setjmp = true;
  if (DECL_NAME (fndecl)
      && defer_rules::sjlj_name (IDENTIFIER_POINTER (DECL_NAME (fndecl))))
    fn.jump_calls.push_back ({pos, where (scan, EXPR_LOCATION (*tp)),
			      IDENTIFIER_POINTER (DECL_NAME (fndecl))});
  if (fndecl_built_in_p (fndecl, BUILT_IN_NORMAL)
      && ALLOCA_FUNCTION_CODE_P (DECL_FUNCTION_CODE (fndecl)))
    fn.moves_stack = true;
  if (ctx.site != none && DECL_NAME (fndecl)
      && id_equal (DECL_NAME (fndecl), "__defer_recover"))
    {
      scan->recovers.safe_push (tp);
      fn.recovers = true;
    }
}

/* Its body runs in other threads or in a function of its own: the rules
   refuse a `defer` there, and the construct in a deferred block.  */
void
walker::omp (tree t)
{
  int index = fn.omp.size ();
  fn.omp.push_back ({pos, pos, where (scan, EXPR_LOCATION (t)), ctx.site});
  if (ctx.site == none)
    for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
      walk (&TREE_OPERAND (t, i));
  fn.omp[index].last = pos;
}

/* A variable named here: a use of defer_result, or a name a deferred
   block reads.  */
void
walker::reference (tree t)
{
  if (defer_result_decl_p (t) || t == defer_result_guard ())
    {
      /* The front end refused an unavailable one.  */
      if (TREE_UNAVAILABLE (t))
	return;
      bool own = defer_result_decl_p (t) && DECL_CONTEXT (t) == scan->fndecl;
      fn.results.push_back ({pos, where (scan, keyword_location (ctx.loc)),
			     ctx.site, own});
      return;
    }
  int v = var_id (*scan, t);
  if (ctx.site == none || v == none)
    return;
  std::vector<int> &names = fn.sites[ctx.site].names;
  if (std::find (names.begin (), names.end (), v) == names.end ())
    names.push_back (v);
}

tree
walker::visit (tree *tp, int *walk_subtrees)
{
  tree t = *tp;
  if (TYPE_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  pos++;
  if (EXPR_P (t) && EXPR_HAS_LOCATION (t))
    ctx.loc = EXPR_LOCATION (t);
  note_write (t);
  if (omp_construct_p (t))
    {
      *walk_subtrees = 0;
      omp (t);
      return NULL_TREE;
    }
  switch (TREE_CODE (t))
    {
    case FOR_STMT:
      *walk_subtrees = 0;
      if (defer_site_marker_p (t))
	site (tp);
      else if (defer_scoped_marker_p (t))
	scoped_site (tp);
      else
	loop (t);
      break;
    case STATEMENT_LIST:
      *walk_subtrees = 0;
      statement_list (t);
      break;
    case TRY_FINALLY_EXPR:
      /* A `_Defer` made into a cleanup before a second scan.  */
      if (top_slots.contains (tp))
	fn.outermost_cleanup = true;
      break;
    case WHILE_STMT:
    case DO_STMT:
      *walk_subtrees = 0;
      loop (t);
      break;
    case SWITCH_STMT:
      *walk_subtrees = 0;
      switch_stmt (t);
      break;
    case BIND_EXPR:
      *walk_subtrees = 0;
      bind (t);
      break;
    case COND_EXPR:
      note_if (tp);
      break;
    case SAVE_EXPR:
    case TARGET_EXPR:
      /* The size of a variably modified type, as in `(int (*)[n]) p`, is
	 shared by each use of the type and evaluated at the first: a
	 `defer` in it is one site.  The shared node is the SAVE_EXPR, or,
	 where the size is a statement expression's value, its TARGET_EXPR
	 (GCC 16 does not wrap a TARGET_EXPR in a SAVE_EXPR); both are
	 evaluated once however many times they appear.  */
      if (evaluated_once.add (t))
	*walk_subtrees = 0;
      break;
    case DECL_EXPR:
      *walk_subtrees = 0;
      decl_expr (t);
      break;
    case RETURN_EXPR:
      exit (t, defer_rules::Exit::return_stmt, 0);
      if (ctx.site == none)
	scan->returns.safe_push (tp);
      break;
    case BREAK_STMT:
      exit (t, defer_rules::Exit::break_stmt, ctx.break_at);
      break;
    case CONTINUE_STMT:
      exit (t, defer_rules::Exit::continue_stmt, ctx.continue_at);
      break;
    case GOTO_EXPR:
      go_to (t);
      break;
    case LABEL_EXPR:
      label (t);
      break;
    case CASE_LABEL_EXPR:
      case_label (t);
      break;
    case CALL_EXPR:
      call (tp);
      break;
    case ADDR_EXPR:
      if (TREE_CODE (TREE_OPERAND (t, 0)) == LABEL_DECL)
	address_taken_labels.push_back (TREE_OPERAND (t, 0));
      break;
    case VAR_DECL:
    case PARM_DECL:
      reference (t);
      break;
    default:
      break;
    }
  return NULL_TREE;
}

void
walker::walk_body ()
{
  walk (&DECL_SAVED_TREE (scan->fndecl));
  fn.last = pos;
}

/* What a function nested in FNDECL (at any depth) does to this one
   whenever it runs: a goto to one of its labels counts as one from the
   end of the function, which may close a cycle and may not enter a
   deferred block; a variable it names may change under any call; its
   use of this function's defer_result is outside a deferred block.  */
struct nested_uses
{
  defer_scan *scan;
  std::vector<tree> gotos;
  location_t loc = UNKNOWN_LOCATION; /* latest expression location */
};

tree
nested_use_r (tree *tp, int *walk_subtrees, void *data)
{
  nested_uses *uses = static_cast<nested_uses *> (data);
  defer_scan *scan = uses->scan;
  tree t = *tp;
  if (TYPE_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (EXPR_P (t) && EXPR_HAS_LOCATION (t))
    uses->loc = EXPR_LOCATION (t);
  if (TREE_CODE (t) == GOTO_EXPR
      && TREE_CODE (GOTO_DESTINATION (t)) == LABEL_DECL
      && DECL_CONTEXT (GOTO_DESTINATION (t)) == scan->fndecl)
    uses->gotos.push_back (t);
  else if (defer_result_decl_p (t) && DECL_CONTEXT (t) == scan->fndecl)
    scan->model.results.push_back ({scan->model.last + 1,
				    where (scan, keyword_location (uses->loc)),
				    none, false});
  else if (int v = var_id (*scan, t); v != none)
    scan->model.vars[v].address_taken = true;
  return NULL_TREE;
}

void
walker::note_nested_functions (tree fndecl)
{
  cgraph_node *node = cgraph_node::get (fndecl);
  if (!node)
    return;
  for (cgraph_node *n = first_nested_function (node); n;
       n = next_nested_function (n))
    {
      nested_uses uses;
      uses.scan = scan;
      walk_tree_without_duplicates (&DECL_SAVED_TREE (n->decl), nested_use_r,
				    &uses);
      for (tree g : uses.gotos)
	{
	  defer_rules::Goto model_goto;
	  model_goto.at = fn.last + 1;
	  model_goto.where = where (scan, EXPR_LOCATION (g));
	  fn.gotos.push_back (model_goto);
	  goto_dests.push_back (GOTO_DESTINATION (g));
	}
      note_nested_functions (n->decl);
    }
}

/* Gotos name their labels, found anywhere in the walk.  */
void
walker::finish ()
{
  note_nested_functions (scan->fndecl);
  for (unsigned i = 0; i < fn.gotos.size (); i++)
    if (tree dest = goto_dests[i])
      if (int *l = label_ids.get (dest))
	fn.gotos[i].label = *l;
  for (tree label : address_taken_labels)
    if (int *l = label_ids.get (label))
      fn.labels[*l].address_taken = true;
}

} // namespace

void
scan_function (tree fndecl, defer_scan *scan)
{
  scan->fndecl = fndecl;
  walker w (scan);
  w.walk_body ();
  w.finish ();
}

} // namespace defer_gcc
