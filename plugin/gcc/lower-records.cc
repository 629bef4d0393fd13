/* The run-time records strategy (lower.h), for functions whose defers can
   run more than once per call.

     struct __defer_frame __defer_frame = {0};
     ...
     defer X;   ==>   p1 = <storage>;          frame, frame array or pool
			p1->hdr.site = 1;
			p1->v = v; ...             the copies of section 3
			p1->hdr.next = __defer_frame.top;
			__defer_frame.top = &p1->hdr;
     finally:
       next: r = __defer_frame.top;
	     if (r == 0) goto end;
	     __defer_frame.top = r->next;
	     switch (r->site) { case 1: p1 = (rec1 *) r; X'; goto next; ... }
       end:  if (__defer_frame.mark_cur != 0) __libdefer_release (&__defer_frame);

   X' is X with each copied variable replaced by the record's copy.  The
   storage of each site is the escape analysis' verdict
   (defer_rules::choose_storage).  */

#include "lower.h"
#include "runtime-abi.h"

namespace {

struct site_plan
{
  tree type;			/* the site's record type */
  tree header;			/* its hdr field */
  std::vector<tree> fields;	/* its copy fields, as site.copies */
  tree ptr;			/* local pointer to the current record */
  defer_rules::Storage storage;
  tree slot;			/* frame storage: the record or the array */
  tree count;			/* frame array: records used so far */
};

tree
ref (tree ptr, tree field)
{
  tree obj = build1 (INDIRECT_REF, TREE_TYPE (TREE_TYPE (ptr)), ptr);
  return build3 (COMPONENT_REF, TREE_TYPE (field), obj, field, NULL_TREE);
}

tree
member (tree obj, tree field)
{
  return build3 (COMPONENT_REF, TREE_TYPE (field), obj, field, NULL_TREE);
}

tree
address_of (tree t)
{
  tree base = t;
  while (handled_component_p (base))
    base = TREE_OPERAND (base, 0);
  if (DECL_P (base))
    TREE_ADDRESSABLE (base) = 1;
  return build1 (ADDR_EXPR, build_pointer_type (TREE_TYPE (t)), t);
}

/* Where the record of one registration goes.  */
tree
storage_expr (site_plan &p, tree frame)
{
  tree ptr_type = TREE_TYPE (p.ptr);
  switch (p.storage)
    {
    case defer_rules::Storage::frame:
      return address_of (p.slot);
    case defer_rules::Storage::frame_array:
      {
	tree index = build2 (POSTINCREMENT_EXPR, TREE_TYPE (p.count), p.count,
			     build_int_cst (TREE_TYPE (p.count), 1));
	tree elt = build4 (ARRAY_REF, p.type, p.slot, index, NULL_TREE,
			   NULL_TREE);
	return address_of (elt);
      }
    case defer_rules::Storage::pool:
      break;
    }
  const runtime_abi &abi = get_runtime_abi ();
  tree call = build_call_expr (abi.alloc_fn, 2, address_of (frame),
			       TYPE_SIZE_UNIT (p.type));
  return fold_convert (ptr_type, call);
}

void
plan_site (defer_scan *scan, defer_rules::FunctionFacts *facts, unsigned i,
	   site_plan &p, lowering *l)
{
  defer_site &s = scan->sites[i];
  char name[32];
  snprintf (name, sizeof name, "__defer_record_%u", i);
  p.type = build_site_record (name, s.copies, &p.header, &p.fields);
  snprintf (name, sizeof name, "__defer_p%u", i);
  p.ptr = make_local (l->fndecl, name, build_pointer_type (p.type));
  append_var (l->outer, p.ptr);

  /* choose_storage needs the record size, known only now.  */
  facts->sites[i].record_size = tree_to_uhwi (TYPE_SIZE_UNIT (p.type));
  p.storage = defer_rules::choose_storage (*facts, i);
  p.slot = p.count = NULL_TREE;
  if (p.storage == defer_rules::Storage::pool)
    return;
  tree slot_type = p.type;
  if (p.storage == defer_rules::Storage::frame_array)
    {
      slot_type = build_array_type_nelts (p.type, s.max_runs);
      snprintf (name, sizeof name, "__defer_n%u", i);
      p.count = make_local (l->fndecl, name, unsigned_type_node);
      append_var (l->outer, p.count);
      append_to_statement_list_force (
	build_assign (p.count, build_zero_cst (unsigned_type_node)),
	&l->prologue);
    }
  snprintf (name, sizeof name, "__defer_records%u", i);
  p.slot = make_local (l->fndecl, name, slot_type);
  append_var (l->outer, p.slot);
}

/* Replace the marker loop of site I by the push of a record.  */
void
register_site (defer_scan *scan, unsigned i, site_plan &p, tree frame)
{
  const runtime_abi &abi = get_runtime_abi ();
  defer_site &s = scan->sites[i];
  tree list = alloc_stmt_list ();
  auto add = [&] (tree t) {
    SET_EXPR_LOCATION (t, s.loc);
    append_to_statement_list_force (t, &list);
  };
  add (build_assign (p.ptr, storage_expr (p, frame)));
  tree hdr = ref (p.ptr, p.header);
  add (build_assign (member (hdr, abi.record_site),
		     build_int_cst (unsigned_type_node, i)));
  for (unsigned k = 0; k < s.copies.size (); k++)
    add (build_assign (ref (p.ptr, p.fields[k]), s.copies[k]));
  tree top = member (frame, abi.frame_top);
  add (build_assign (member (hdr, abi.record_next), top));
  add (build_assign (top, address_of (hdr)));
  *s.slot = list;
}

struct copy_map
{
  const std::vector<tree> *vars;
  tree ptr;
  const std::vector<tree> *fields;
};

tree
use_copies_r (tree *tp, int *walk_subtrees, void *data)
{
  copy_map *m = (copy_map *) data;
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if (TREE_CODE (*tp) == DECL_EXPR && VAR_P (DECL_EXPR_DECL (*tp)))
    walk_tree (&DECL_INITIAL (DECL_EXPR_DECL (*tp)), use_copies_r, m, NULL);
  else if (VAR_P (*tp))
    for (unsigned k = 0; k < m->vars->size (); k++)
      if ((*m->vars)[k] == *tp)
	*tp = ref (m->ptr, (*m->fields)[k]);
  return NULL_TREE;
}

/* The pop-and-dispatch loop.  */
tree
build_finally (defer_scan *scan, std::vector<site_plan> &plans, tree frame,
	       tree fndecl)
{
  const runtime_abi &abi = get_runtime_abi ();
  tree list = alloc_stmt_list ();
  tree next = create_artificial_label (UNKNOWN_LOCATION);
  tree end = create_artificial_label (UNKNOWN_LOCATION);
  DECL_CONTEXT (next) = DECL_CONTEXT (end) = fndecl;
  tree r = make_local (fndecl, "__defer_r",
		       build_pointer_type (abi.record_type));
  tree top = member (frame, abi.frame_top);
  auto add = [&] (tree t) { append_to_statement_list_force (t, &list); };
  auto jump = [] (tree label) {
    return build1 (GOTO_EXPR, void_type_node, label);
  };

  add (build1 (LABEL_EXPR, void_type_node, next));
  add (build_assign (r, top));
  add (build3 (COND_EXPR, void_type_node,
	       build2 (EQ_EXPR, boolean_type_node, r,
		       build_zero_cst (TREE_TYPE (r))),
	       jump (end), NULL_TREE));
  add (build_assign (top, ref (r, abi.record_next)));

  tree cases = alloc_stmt_list ();
  for (unsigned i = 0; i < plans.size (); i++)
    {
      site_plan &p = plans[i];
      defer_site &s = scan->sites[i];
      tree label = create_artificial_label (s.loc);
      DECL_CONTEXT (label) = fndecl;
      tree index = build_int_cst (unsigned_type_node, i);
      append_to_statement_list_force (build_case_label (index, NULL_TREE,
							label), &cases);
      append_to_statement_list_force (
	build_assign (p.ptr, fold_convert (TREE_TYPE (p.ptr), r), s.loc),
	&cases);
      copy_map m = {&s.copies, p.ptr, &p.fields};
      walk_tree (&s.body, use_copies_r, &m, NULL);
      append_to_statement_list_force (s.body, &cases);
      append_to_statement_list_force (jump (next), &cases);
    }
  tree dflt = create_artificial_label (UNKNOWN_LOCATION);
  DECL_CONTEXT (dflt) = fndecl;
  append_to_statement_list_force (build_case_label (NULL_TREE, NULL_TREE,
						    dflt), &cases);
  append_to_statement_list_force (jump (next), &cases);
  add (build2 (SWITCH_EXPR, unsigned_type_node, ref (r, abi.record_site),
	       cases));

  add (build1 (LABEL_EXPR, void_type_node, end));
  tree marked = build2 (NE_EXPR, boolean_type_node,
			member (frame, abi.frame_mark_cur),
			build_zero_cst (TREE_TYPE (abi.frame_mark_cur)));
  add (build3 (COND_EXPR, void_type_node, marked,
	       build_call_expr (abi.release_fn, 1, address_of (frame)),
	       NULL_TREE));
  return build3 (BIND_EXPR, void_type_node, r, list, NULL_TREE);
}

} // namespace

void
lower_with_records (defer_scan *scan, defer_rules::FunctionFacts *facts,
		    lowering *l)
{
  const runtime_abi &abi = get_runtime_abi ();
  tree frame = make_local (l->fndecl, "__defer_frame", abi.frame_type);
  /* A longjmp back into the function must find the pushes it made.  */
  if (facts->calls_setjmp)
    TREE_THIS_VOLATILE (frame) = 1;
  append_var (l->outer, frame);
  append_to_statement_list_force (
    build_assign (frame, build_constructor (abi.frame_type, NULL)),
    &l->prologue);

  std::vector<site_plan> plans (scan->sites.size ());
  for (unsigned i = 0; i < scan->sites.size (); i++)
    plan_site (scan, facts, i, plans[i], l);
  for (unsigned i = 0; i < scan->sites.size (); i++)
    register_site (scan, i, plans[i], frame);
  l->finally = build_finally (scan, plans, frame, l->fndecl);
}
