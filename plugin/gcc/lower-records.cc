// SPDX-License-Identifier: MIT
/* The run-time records strategy (lower.h), for functions whose defers can
   run more than once per call.

     struct __defer_frame __defer_frame = {0};
     ...
     defer X;   ==>   p1 = <storage>;          frame, frame array or pool
			h = (struct __defer_record *) p1;
			h->site = 1;
			p1->v = v; ...             the copies of section 3
			h->next = top;
			top = h;
     finally:
       next: r = top;
	     if (r == 0) goto end;
	     top = r->next;
	     switch (r->site) { case 1: p1 = (rec1 *) r; X'; goto next; ... }
       end:  if (__defer_frame.mark_cur != 0) __libdefer_release (&__defer_frame);

   X' is X with each copied variable replaced by the record's copy, and
   top is a local, or __defer_frame.top in a function that calls setjmp.
   The storage of each site is the escape analysis' verdict
   (plan.h).  Pooled records are bumped inline from
   a buffer in the frame, then from the pool's current chunk; libdefer is
   called to mark the frame when the buffer runs out, and when a chunk
   does.  A function with one site stores no site number and does
   not dispatch.

   When some site takes records from the pool and no longjmp can come
   back, every record of the call is instead bumped onto one stack, the
   copies alone, and popped by its size (records_stack):

     defer X;   ==>   if (cur > end) grow;         a pool block, below
			p1 = (rec1 *) cur; cur += S1;
			*(unsigned *) (cur - 4) = 1;   only with several sites
			p1->v = v; ...
     finally:
       next: if (cur == base) { if (((char **) base)[-1] == 0) goto end;
				  follow the block's link; goto next; }
	     switch (*(unsigned *) (cur - 4))
	       { case 1: cur -= S1; p1 = (rec1 *) cur; X'; goto next; ... }
       end:  if (__defer_frame.mark_cur != 0) __libdefer_release (...);

   The stack starts in a buffer in the frame, after a null word; grow
   takes a block from __libdefer_grow, which stores at its start where
   the stack stood (cur, then base, just below the block's own base), and
   goes on in it.  So the word below base is null in the buffer alone,
   and popping needs neither the buffer's address nor a register for it.
   A call with more records than a block holds makes a chain of blocks,
   each of them the frame's alone, so records stay contiguous within a
   block and nothing but base, cur and end (locals) moves per record.

   When every record lives in the frame and no longjmp can come back, the
   records are instead one array of a union of the record types and a
   count, as hand-written cleanup code keeps them:

     defer X;   ==>   p1 = &__defer_all[__defer_n++].r1;  h->site = 1; ...
     finally:
       next: if (__defer_n == 0) goto end;
	     r = (struct __defer_record *) &__defer_all[--__defer_n]; ...

   No `next` pointer is stored or loaded, and the optimisers can follow
   an array indexed by a count where they cannot follow a linked list
   (LLVM folds such records away when the trip counts are known; GCC
   unrolls less).  */

#include "lower.h"
#include "runtime-abi.h"

namespace defer_gcc {

namespace {

/* The per-call state of the lowering.  */
struct records_state
{
  tree frame;			/* struct __defer_frame, for libdefer */
  tree top;			/* the newest record: a local, or in the
				   frame when a longjmp may come back */
  tree raw;			/* pool storage just taken */
  /* Where pooled records are bumped from without a call: the free part
     of the frame's buffer, then of the last block __libdefer_reserve
     handed out (null when every pooled record comes from libdefer).  */
  tree cur, end;
  bool pooled;			/* some site takes records from the pool */
  /* The shared array of records and its count; null with the list.  */
  tree shared, count;
  /* records_stack: the start of the current block (the frame buffer
     or a pool block), and the frame buffer's first word, null until a
     deferred block panics; null otherwise.  */
  tree base, first_word;
  tree block;			/* records_stack: the block libdefer made */
};

struct site_plan
{
  tree type;			/* the site's record type */
  std::vector<tree> copies;	/* the variables it copies */
  std::vector<tree> fields;	/* their fields */
  tree ptr;			/* local pointer to the current record */
  const defer_rules::SitePlan *plan;
  tree slot;			/* frame storage: the record or the array */
  tree count;			/* frame array: records used so far */
  tree member;			/* its member of the shared array's union */
  /* The locals that stand for the copies in the deferred block, under
     the copied variables' names.  */
  std::vector<tree> named;
};

tree
ref (tree ptr, tree field)
{
  tree obj = build1 (INDIRECT_REF, TREE_TYPE (TREE_TYPE (ptr)), ptr);
  return build3 (COMPONENT_REF, TREE_TYPE (field), obj, field, NULL_TREE);
}

/* The copy K of the record P.ptr points to: the field itself, or for a
   pointer to a variable-length array, kept in a plain pointer field, the
   field seen as the variable's type (an lvalue still).  */
tree
copy_ref (const site_plan &p, unsigned k)
{
  tree field = ref (p.ptr, p.fields[k]);
  tree type = TREE_TYPE (p.copies[k]);
  if (TREE_TYPE (field) == TYPE_MAIN_VARIANT (type))
    return field;
  tree addr = build1 (ADDR_EXPR, build_pointer_type (TREE_TYPE (field)),
		      field);
  return build1 (INDIRECT_REF, type,
		 fold_convert (build_pointer_type (type), addr));
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

tree
size_cst (unsigned HOST_WIDE_INT n)
{
  return build_int_cst (size_type_node, n);
}

/* st.raw = SIZE bytes of pooled storage:
     if (end - cur < SIZE) { cur = __libdefer_reserve (&frame, SIZE);
			     end = __libdefer_pool.cur; }
     raw = cur; cur = raw + SIZE;
   The block reserved is the frame's alone, so bumping needs no write
   back: other functions' records go above it.  */
void
pool_storage (const records_state &st, unsigned HOST_WIDE_INT size,
	      tree *list)
{
  const runtime_abi &abi = get_runtime_abi ();
  tree raw = st.raw;
  if (!st.cur)
    {
      tree call = build_call_expr (abi.alloc_fn, 2, address_of (st.frame),
				   size_cst (size));
      append_to_statement_list_force (
	build_assign (raw, fold_convert (TREE_TYPE (raw), call)), list);
      return;
    }
  tree call = build_call_expr (abi.reserve_fn, 2, address_of (st.frame),
			       size_cst (size));
  tree refill = alloc_stmt_list ();
  append_to_statement_list_force (
    build_assign (st.cur, fold_convert (TREE_TYPE (st.cur), call)), &refill);
  append_to_statement_list_force (
    build_assign (st.end, member (abi.pool, abi.cursor_cur)), &refill);
  tree room = build2 (POINTER_DIFF_EXPR, ssizetype, st.end, st.cur);
  tree short_of_room = build2 (LT_EXPR, boolean_type_node, room,
			       build_int_cst (ssizetype, size));
  append_to_statement_list_force (
    build3 (COND_EXPR, void_type_node, short_of_room, refill, NULL_TREE),
    list);
  append_to_statement_list_force (build_assign (raw, st.cur), list);
  append_to_statement_list_force (
    build_assign (st.cur, build2 (POINTER_PLUS_EXPR, TREE_TYPE (raw), raw,
				  size_cst (size))), list);
}

/* ARRAY[COUNT++] or ARRAY[--COUNT].  */
tree
indexed (tree array, tree count, tree_code step)
{
  tree index = build2 (step, TREE_TYPE (count), count,
		       build_int_cst (TREE_TYPE (count), 1));
  return build4 (ARRAY_REF, TREE_TYPE (TREE_TYPE (array)), array, index,
		 NULL_TREE, NULL_TREE);
}

tree
char_ptr_type ()
{
  return build_pointer_type (char_type_node);
}

/* *(TYPE *) (PTR + OFFSET), PTR a char pointer.  */
tree
at_offset (tree ptr, HOST_WIDE_INT offset, tree type)
{
  tree addr = fold_build_pointer_plus_hwi (ptr, offset);
  return build1 (INDIRECT_REF, type,
		 fold_convert (build_pointer_type (type), addr));
}

/* COND, expected false: the grow and block-change paths are rare, and
   GCC's guess of them spreads the hot loops across registers.  */
/* switch (INDEX) { CASES default: goto OTHERWISE; }: a record's site
   number picks its block.  */
tree
site_switch (tree fndecl, tree index, tree cases, tree otherwise)
{
  tree dflt = create_artificial_label (no_line);
  DECL_CONTEXT (dflt) = fndecl;
  append_to_statement_list_force (build_case_label (NULL_TREE, NULL_TREE,
						    dflt), &cases);
  append_to_statement_list_force (build1 (GOTO_EXPR, void_type_node,
					  otherwise), &cases);
  return build2 (SWITCH_EXPR, unsigned_type_node, index, cases);
}

tree
unlikely (tree cond)
{
  tree expect = build_call_expr (builtin_decl_explicit (BUILT_IN_EXPECT), 2,
				 fold_convert (long_integer_type_node, cond),
				 build_zero_cst (long_integer_type_node));
  return build2 (NE_EXPR, boolean_type_node, expect,
		 build_zero_cst (long_integer_type_node));
}

/* records_stack: the word WORDS pointers below the block's base BASE:
   1 is the previous block's base (null in the frame buffer), 2 the
   previous block's cursor.  */
tree
below_base (tree base, unsigned words)
{
  tree char_ptr = build_pointer_type (char_type_node);
  HOST_WIDE_INT word = tree_to_shwi (TYPE_SIZE_UNIT (char_ptr));
  return at_offset (base, -(HOST_WIDE_INT) words * word, char_ptr);
}

/* records_stack: the record of SIZE bytes bumped from the stack, whose
   limit (end here) is MAX, the largest record's size, before the end of
   the current block:
     if (cur > limit)
       { block = __libdefer_grow (&frame, base, cur, RESERVE);
	 base = cur = block.base;  limit = block.end - MAX; }
     p = (rec *) cur;
   RESERVE is the new block's link and MAX, rounded up; libdefer keeps
   the old cursor and base in the link.  cur += SIZE comes once the
   copies are stored (register_site), so that the record and the cursor
   are one value until then.  */
void
stack_storage (const lowering &l, site_plan &p, const records_state &st,
	       tree *list)
{
  const runtime_abi &abi = get_runtime_abi ();
  unsigned HOST_WIDE_INT max = l.plan->stack_record_max;
  tree grow = alloc_stmt_list ();
  tree call = build_call_expr (abi.grow_fn, 4, address_of (st.frame),
			       st.base, st.cur,
			       size_cst (l.plan->stack_reserve));
  append_to_statement_list_force (build_assign (st.block, call), &grow);
  append_to_statement_list_force (
    build_assign (st.base, member (st.block, abi.block_base)), &grow);
  append_to_statement_list_force (build_assign (st.cur, st.base), &grow);
  append_to_statement_list_force (
    build_assign (st.end,
		  fold_build_pointer_plus_hwi (member (st.block,
						       abi.block_end),
					       -(HOST_WIDE_INT) max)),
    &grow);
  tree full = unlikely (build2 (GT_EXPR, boolean_type_node, st.cur, st.end));
  append_to_statement_list_force (
    build3 (COND_EXPR, void_type_node, full, grow, NULL_TREE), list);
  append_to_statement_list_force (
    build_assign (p.ptr, fold_convert (TREE_TYPE (p.ptr), st.cur)), list);
}

/* Statements setting P.ptr to where the record of one registration
   goes.  */
void
emit_storage (site_plan &p, const records_state &st, tree *list)
{
  tree ptr_type = TREE_TYPE (p.ptr);
  tree where;
  if (st.shared)
    {
      tree elt = indexed (st.shared, st.count, POSTINCREMENT_EXPR);
      append_to_statement_list_force (
	build_assign (p.ptr, address_of (member (elt, p.member))), list);
      return;
    }
  switch (p.plan->storage)
    {
    case defer_rules::Storage::frame:
      where = address_of (p.slot);
      break;
    case defer_rules::Storage::frame_array:
      where = address_of (indexed (p.slot, p.count, POSTINCREMENT_EXPR));
      break;
    case defer_rules::Storage::pool:
    default:
      {
	tree pool = alloc_stmt_list ();
	/* Pool storage is pool_align-aligned; a record that needs more
	   takes the difference extra and is aligned up.  */
	unsigned HOST_WIDE_INT align = p.plan->record.align;
	unsigned HOST_WIDE_INT size = p.plan->record.pool_bytes;
	pool_storage (st, size, &pool);
	where = st.raw;
	if (align > defer_rules::pool_align)
	  {
	    tree addr = fold_convert (pointer_sized_int_node, st.raw);
	    addr = build2 (BIT_AND_EXPR, pointer_sized_int_node,
			   build2 (PLUS_EXPR, pointer_sized_int_node, addr,
				   build_int_cst (pointer_sized_int_node,
						  align - 1)),
			   build_int_cst (pointer_sized_int_node, -align));
	    where = fold_convert (ptr_type, addr);
	  }
	append_to_statement_list_force (
	  build_assign (p.ptr, fold_convert (ptr_type, where)), &pool);
	append_to_statement_list_force (pool, list);
	return;
      }
    }
  append_to_statement_list_force (build_assign (p.ptr,
						fold_convert (ptr_type, where)),
				  list);
}

void
plan_site (const lowering &l, unsigned i, site_plan &p)
{
  const site_trees &s = l.scan->sites[i];
  p.plan = &l.plan->sites[i];
  for (int v : l.analysis->sites[i].copies)
    p.copies.push_back (l.scan->vars[v]);
  char name[32];
  snprintf (name, sizeof name, "__defer_record_%u", i);
  p.type = build_site_record (name, p.copies, p.plan->record.with_site,
			      &p.fields, !p.plan->record.stacked);
  /* The plan laid the record out as C would; so did GCC.  */
  gcc_assert (tree_to_uhwi (TYPE_SIZE_UNIT (p.type)) == p.plan->record.size);
  snprintf (name, sizeof name, "__defer_p%u", i);
  p.ptr = make_local (l.fndecl, name, build_pointer_type (p.type));
  /* The locations of the copies' names are read through it (see
     with_named_copies): it needs one of its own, which a debugger sees
     only without a name.  At -O0 that puts it in the frame rather than
     a register, whether or not there is debug information.  */
  if (!p.copies.empty ())
    {
      DECL_NAME (p.ptr) = NULL_TREE;
      DECL_IGNORED_P (p.ptr) = 0;
    }
  append_var (l.outer, p.ptr);
  p.slot = p.count = p.member = NULL_TREE;
  (void) s;
}

/* Each site's own storage in the frame, for the list.  */
void
declare_slots (std::vector<site_plan> &plans, lowering *l)
{
  char name[32];
  for (unsigned i = 0; i < plans.size (); i++)
    {
      site_plan &p = plans[i];
      if (p.plan->storage == defer_rules::Storage::pool)
	continue;
      tree slot_type = p.type;
      if (p.plan->storage == defer_rules::Storage::frame_array)
	{
	  slot_type = build_array_type_nelts (p.type, p.plan->slots);
	  snprintf (name, sizeof name, "__defer_n%u", i);
	  p.count = make_local (l->fndecl, name, unsigned_type_node);
	  append_var (l->outer, p.count);
	  add_stmt_to (&l->prologue,
		       build_assign (p.count,
				     build_zero_cst (unsigned_type_node)));
	}
      snprintf (name, sizeof name, "__defer_records%u", i);
      p.slot = make_local (l->fndecl, name, slot_type);
      append_var (l->outer, p.slot);
    }
}

/* The shared array of the records_array shape.  */
void
declare_shared (std::vector<site_plan> &plans, records_state *st,
		lowering *l)
{
  std::vector<tree> types, members;
  for (const site_plan &p : plans)
    types.push_back (p.type);
  tree any = build_record_union ("__defer_any_record", types, &members);
  for (unsigned i = 0; i < plans.size (); i++)
    plans[i].member = members[i];
  st->shared = make_local (l->fndecl, "__defer_all",
			   build_array_type_nelts (any,
						   l->plan->array_slots));
  st->count = make_local (l->fndecl, "__defer_n", unsigned_type_node);
  append_var (l->outer, st->shared);
  append_var (l->outer, st->count);
  add_stmt_to (&l->prologue,
	       build_assign (st->count, build_zero_cst (unsigned_type_node)));
}

/* Replace the marker loop of site I by the push of a record.  The site
   number is stored only where the finally has to dispatch on it.  */
void
register_site (const lowering &l, unsigned i, site_plan &p,
	       const records_state &st)
{
  const runtime_abi &abi = get_runtime_abi ();
  site_trees &s = l.scan->sites[i];
  tree list = alloc_stmt_list ();
  auto add = [&] (tree t) {
    SET_EXPR_LOCATION (t, s.loc);
    append_to_statement_list_force (t, &list);
  };
  tree storage = alloc_stmt_list ();
  if (st.base)
    stack_storage (l, p, st, &storage);
  else
    emit_storage (p, st, &storage);
  for (tree_stmt_iterator it = tsi_start (storage); !tsi_end_p (it);
       tsi_next (&it))
    add (tsi_stmt (it));
  if (st.base)
    {
      /* The site number in the slot's last 4 bytes.  */
      HOST_WIDE_INT size = p.plan->record.pool_bytes;
      if (l.plan->site_numbers)
	add (build_assign (at_offset (st.cur, size - 4, unsigned_type_node),
			   build_int_cst (unsigned_type_node, i)));
      for (unsigned k = 0; k < p.copies.size (); k++)
	add (build_assign (copy_ref (p, k), p.copies[k]));
      add (build_assign (st.cur, fold_build_pointer_plus_hwi (st.cur, size)));
      *s.slot = list;
      return;
    }
  /* The list fields, through the header type (see build_site_record).  */
  tree hdr_ptr = fold_convert (build_pointer_type (abi.record_type), p.ptr);
  tree hdr = build1 (INDIRECT_REF, abi.record_type, hdr_ptr);
  if (l.plan->site_numbers)
    add (build_assign (member (hdr, abi.record_site),
		       build_int_cst (unsigned_type_node, i)));
  for (unsigned k = 0; k < p.copies.size (); k++)
    add (build_assign (copy_ref (p, k), p.copies[k]));
  if (st.shared)
    {
      *s.slot = list;
      return;
    }
  tree top = st.top;
  add (build_assign (member (hdr, abi.record_next), top));
  add (build_assign (top, hdr_ptr));
  *s.slot = list;
}

tree
use_copies_r (tree *tp, int *walk_subtrees, void *data)
{
  site_plan *p = (site_plan *) data;
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if (TREE_CODE (*tp) == DECL_EXPR && VAR_P (DECL_EXPR_DECL (*tp)))
    walk_tree (&DECL_INITIAL (DECL_EXPR_DECL (*tp)), use_copies_r, p, NULL);
  else if (VAR_P (*tp))
    for (unsigned k = 0; k < p->copies.size (); k++)
      if (p->copies[k] == *tp)
	*tp = p->named[k];
  return NULL_TREE;
}

/* Move the BLOCK of each outermost BIND_EXPR of a deferred block under
   the block of its copies (DATA).  */
tree
adopt_blocks_r (tree *tp, int *walk_subtrees, void *data)
{
  tree parent = (tree) data;
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if (TREE_CODE (*tp) == BIND_EXPR)
    {
      *walk_subtrees = 0;
      tree block = BIND_EXPR_BLOCK (*tp);
      if (!block)
	return NULL_TREE;
      if (tree old = BLOCK_SUPERCONTEXT (block))
	for (tree *b = &BLOCK_SUBBLOCKS (old); *b; b = &BLOCK_CHAIN (*b))
	  if (*b == block)
	    {
	      *b = BLOCK_CHAIN (block);
	      break;
	    }
      BLOCK_SUPERCONTEXT (block) = parent;
      BLOCK_CHAIN (block) = BLOCK_SUBBLOCKS (parent);
      BLOCK_SUBBLOCKS (parent) = block;
    }
  return NULL_TREE;
}

/* The deferred block of P, run from its record, in a block of its own
   whose locals have the names of the variables it copies and stand for
   their copies (DECL_VALUE_EXPR): a debugger shows `i` in the block as
   the record's copy of `i`, which is what the block reads and writes.
   The gimplifier puts the record's field wherever the block names the
   local, so the code is the same as with the field itself.  */
tree
with_named_copies (const lowering &l, site_plan &p, tree body)
{
  tree vars = NULL_TREE, *tail = &vars;
  p.named.clear ();
  for (unsigned k = 0; k < p.copies.size (); k++)
    {
      tree var = p.copies[k];
      tree named = build_decl (DECL_SOURCE_LOCATION (var), VAR_DECL,
			       DECL_NAME (var), TREE_TYPE (var));
      DECL_CONTEXT (named) = l.fndecl;
      TREE_USED (named) = 1;
      SET_DECL_VALUE_EXPR (named, copy_ref (p, k));
      DECL_HAS_VALUE_EXPR_P (named) = 1;
      *tail = named;
      tail = &DECL_CHAIN (named);
      p.named.push_back (named);
    }
  if (!vars)
    return body;
  walk_tree (&body, use_copies_r, &p, NULL);
  tree parent = BIND_EXPR_BLOCK (l.outer);
  if (!parent)
    parent = DECL_INITIAL (l.fndecl);
  tree block = NULL_TREE;
  if (parent && TREE_CODE (parent) == BLOCK)
    {
      block = make_node (BLOCK);
      BLOCK_VARS (block) = vars;
      TREE_USED (block) = 1;
      BLOCK_SUPERCONTEXT (block) = parent;
      BLOCK_CHAIN (block) = BLOCK_SUBBLOCKS (parent);
      BLOCK_SUBBLOCKS (parent) = block;
      walk_tree (&body, adopt_blocks_r, block, NULL);
    }
  tree bind = build3 (BIND_EXPR, void_type_node, vars, body, block);
  TREE_SIDE_EFFECTS (bind) = 1;
  SET_EXPR_LOCATION (bind, no_line);
  return bind;
}

/* The start of site I's arm of the dispatch: its case label, where the
   records carry site numbers (DISPATCH).  */
void
open_site_case (tree fndecl, unsigned i, bool dispatch, tree *cases)
{
  if (!dispatch)
    return;
  tree label = create_artificial_label (no_line);
  DECL_CONTEXT (label) = fndecl;
  append_to_statement_list_force (
    build_case_label (build_int_cst (unsigned_type_node, i), NULL_TREE,
		      label), cases);
}

/* Site S's deferred block, reading its copies through P's record.  */
void
append_site_block (const lowering &l, site_plan &p, site_trees &s,
		   tree *cases)
{
  s.body = with_named_copies (l, p, s.body);
  quiet_uninitialized (s.body);
  append_to_statement_list_force (s.body, cases);
}

/* The pop-and-dispatch loop.  */
tree
build_finally (const lowering &l, std::vector<site_plan> &plans,
	       const records_state &st)
{
  tree fndecl = l.fndecl;
  const runtime_abi &abi = get_runtime_abi ();
  tree list = alloc_stmt_list ();
  tree next = create_artificial_label (no_line);
  tree end = create_artificial_label (no_line);
  DECL_CONTEXT (next) = DECL_CONTEXT (end) = fndecl;
  tree r = make_local (fndecl, "__defer_r",
		       build_pointer_type (abi.record_type));
  tree top = st.top;
  auto add = [&] (tree t) { append_to_statement_list_force (t, &list); };
  auto jump = [] (tree label) {
    return build1 (GOTO_EXPR, void_type_node, label);
  };

  add (build1 (LABEL_EXPR, void_type_node, next));
  if (st.shared)
    {
      add (build3 (COND_EXPR, void_type_node,
		   build2 (EQ_EXPR, boolean_type_node, st.count,
			   build_zero_cst (TREE_TYPE (st.count))),
		   jump (end), NULL_TREE));
      tree elt = indexed (st.shared, st.count, PREDECREMENT_EXPR);
      add (build_assign (r, fold_convert (TREE_TYPE (r), address_of (elt))));
    }
  else
    {
      add (build_assign (r, top));
      add (build3 (COND_EXPR, void_type_node,
		   build2 (EQ_EXPR, boolean_type_node, r,
			   build_zero_cst (TREE_TYPE (r))),
		   jump (end), NULL_TREE));
      add (build_assign (top, ref (r, abi.record_next)));
    }

  bool dispatch = l.plan->site_numbers;
  tree cases = alloc_stmt_list ();
  for (unsigned i = 0; i < plans.size (); i++)
    {
      site_plan &p = plans[i];
      site_trees &s = l.scan->sites[i];
      open_site_case (fndecl, i, dispatch, &cases);
      append_to_statement_list_force (
	build_assign (p.ptr, fold_convert (TREE_TYPE (p.ptr), r), no_line),
	&cases);
      append_site_block (l, p, s, &cases);
      append_to_statement_list_force (jump (next), &cases);
    }
  if (dispatch)
    add (site_switch (fndecl, ref (r, abi.record_site), cases, next));
  else
    add (cases);

  add (build1 (LABEL_EXPR, void_type_node, end));
  if (!st.pooled)
    return build3 (BIND_EXPR, void_type_node, r, list, NULL_TREE);
  tree marked = build2 (NE_EXPR, boolean_type_node,
			member (st.frame, abi.frame_mark_cur),
			build_zero_cst (TREE_TYPE (abi.frame_mark_cur)));
  add (build3 (COND_EXPR, void_type_node, marked,
	       build_call_expr (abi.release_fn, 1, address_of (st.frame)),
	       NULL_TREE));
  return build3 (BIND_EXPR, void_type_node, r, list, NULL_TREE);
}

/* The pops of records_stack: each record by its size, from the top of
   the current block down to its base, then on in the block before.  At
   the bottom the buffer's first word is 1 rather than null if a block
   panicked (retry_stack_after_unwinding): then jump to PANICKED.  */
tree
build_stack_finally (const lowering &l, std::vector<site_plan> &plans,
		     const records_state &st, tree panicked)
{
  tree fndecl = l.fndecl;
  const runtime_abi &abi = get_runtime_abi ();
  tree char_ptr = char_ptr_type ();
  tree list = alloc_stmt_list ();
  tree next = create_artificial_label (no_line);
  tree pop = create_artificial_label (no_line);
  tree end = create_artificial_label (no_line);
  DECL_CONTEXT (next) = DECL_CONTEXT (pop) = DECL_CONTEXT (end) = fndecl;
  tree link = make_local (fndecl, "__defer_link", char_ptr);
  auto add = [&] (tree t) { append_to_statement_list_force (t, &list); };
  auto jump = [] (tree label) {
    return build1 (GOTO_EXPR, void_type_node, label);
  };
  auto unless_equal = [&] (tree a, tree b, tree label) {
    return build3 (COND_EXPR, void_type_node,
		   build2 (NE_EXPR, boolean_type_node, a, b), jump (label),
		   NULL_TREE);
  };

  tree slow = create_artificial_label (no_line);
  DECL_CONTEXT (slow) = fndecl;
  tree null = build_zero_cst (char_ptr);
  add (build1 (LABEL_EXPR, void_type_node, next));
  add (unless_equal (st.cur, st.base, pop));
  /* The block is empty: the stack ends in the frame buffer, whose word
     below base is null, or goes on where the block's link says.  */
  add (build1 (LABEL_EXPR, void_type_node, slow));
  add (build_assign (link, below_base (st.base, 1)));
  add (build3 (COND_EXPR, void_type_node,
	       build2 (EQ_EXPR, boolean_type_node, link, null),
	       jump (end), NULL_TREE));
  tree one = fold_convert (char_ptr, integer_one_node);
  tree end_panicked = create_artificial_label (no_line);
  DECL_CONTEXT (end_panicked) = fndecl;
  add (build3 (COND_EXPR, void_type_node,
	       build2 (EQ_EXPR, boolean_type_node, link, one),
	       jump (end_panicked), NULL_TREE));
  add (build_assign (st.cur, below_base (st.base, 2)));
  add (build_assign (st.base, link));
  /* Back in the frame buffer (its word null, or 1), no record is left
     in the pool: give its blocks back now (the frame took its mark with
     the first one).  */
  tree word = build1 (CONVERT_EXPR, pointer_sized_int_node,
		      below_base (st.base, 1));
  add (build3 (COND_EXPR, void_type_node,
	       build2 (LE_EXPR, boolean_type_node, word,
		       build_int_cst (pointer_sized_int_node, 1)),
	       build_call_expr (abi.release_fn, 1, address_of (st.frame)),
	       NULL_TREE));
  /* Its own test, so that the pops' loop through NEXT has one entry
     from here rather than a join.  */
  add (unless_equal (st.cur, st.base, pop));
  add (jump (slow));
  add (build1 (LABEL_EXPR, void_type_node, pop));

  bool dispatch = l.plan->site_numbers;
  tree cases = alloc_stmt_list ();
  for (unsigned i = 0; i < plans.size (); i++)
    {
      site_plan &p = plans[i];
      site_trees &s = l.scan->sites[i];
      open_site_case (fndecl, i, dispatch, &cases);
      /* cur -= size in integers: as a pointer, GCC folds the record's
	 address into the old cursor's, which then lives on beside the new
	 one, a second register and a copy per record.  */
      HOST_WIDE_INT size = p.plan->record.pool_bytes;
      tree moved = build2 (MINUS_EXPR, pointer_sized_int_node,
			   build1 (CONVERT_EXPR, pointer_sized_int_node,
				   st.cur),
			   build_int_cst (pointer_sized_int_node, size));
      append_to_statement_list_force (
	build_assign (st.cur, build1 (CONVERT_EXPR, char_ptr, moved),
		      no_line), &cases);
      append_to_statement_list_force (
	build_assign (p.ptr, fold_convert (TREE_TYPE (p.ptr), st.cur),
		      no_line), &cases);
      append_site_block (l, p, s, &cases);
      /* The loop's test at its end, as written: GCC does not move it
	 there itself past the landing pad's way in at NEXT, and leaves a
	 jump per record.  */
      append_to_statement_list_force (unless_equal (st.cur, st.base, pop),
				      &cases);
      append_to_statement_list_force (jump (slow), &cases);
    }
  if (dispatch)
    /* Every record holds one of the numbers above.  */
    add (site_switch (fndecl, at_offset (st.cur, -4, unsigned_type_node),
		      cases, end));
  else
    add (cases);

  /* A mark taken on entry, with no block since.  */
  auto release_mark = [&] () {
    if (!l.plan->mark_on_entry)
      return;
    tree marked = build2 (NE_EXPR, boolean_type_node,
			  member (st.frame, abi.frame_mark_cur),
			  build_zero_cst (TREE_TYPE (abi.frame_mark_cur)));
    add (build3 (COND_EXPR, void_type_node, marked,
		 build_call_expr (abi.release_fn, 1, address_of (st.frame)),
		 NULL_TREE));
  };
  add (build1 (LABEL_EXPR, void_type_node, end_panicked));
  release_mark ();
  add (jump (panicked));
  add (build1 (LABEL_EXPR, void_type_node, end));
  release_mark ();
  return build3 (BIND_EXPR, void_type_node, link, list, NULL_TREE);
}

/* retry: try { RUN } cleanup { swallowed = 1; goto retry; }
   if (swallowed) __libdefer_continue ();
   A deferred block that panics leaves the loop with records still
   pending; the others must run too, then the newest panic goes on.  */
tree
retry_after_unwinding (tree run, lowering *l)
{
  const runtime_abi &abi = get_runtime_abi ();
  tree swallowed = make_local (l->fndecl, "__defer_swallowed",
			       boolean_type_node);
  append_var (l->outer, swallowed);
  append_to_statement_list_force (build_assign (swallowed,
						boolean_false_node),
				  &l->prologue);
  tree retry = create_artificial_label (no_line);
  DECL_CONTEXT (retry) = l->fndecl;
  tree handler = alloc_stmt_list ();
  append_to_statement_list_force (build_assign (swallowed, boolean_true_node),
				  &handler);
  append_to_statement_list_force (build1 (GOTO_EXPR, void_type_node, retry),
				  &handler);
  tree list = alloc_stmt_list ();
  append_to_statement_list_force (build1 (LABEL_EXPR, void_type_node, retry),
				  &list);
  tree tc = build2 (TRY_CATCH_EXPR, void_type_node, run, handler);
  TREE_SIDE_EFFECTS (tc) = 1;
  SET_EXPR_LOCATION (tc, no_line);
  append_to_statement_list_force (tc, &list);
  append_to_statement_list_force (
    build3 (COND_EXPR, void_type_node, swallowed,
	    build_call_expr (abi.continue_fn, 0), NULL_TREE), &list);
  return list;
}

/* records_stack: as retry_after_unwinding, with the buffer's first word
   for the flag, which the pops read anyway at the bottom of the stack:
     retry: try { RUN } cleanup { first word = 1; goto retry; }
     goto done;
     panicked: __libdefer_continue ();     RUN comes here when it was 1
     done:
   No flag to clear on entry or test on the way out.  */
tree
retry_stack_after_unwinding (const records_state &st, tree run,
			     tree panicked, lowering *l)
{
  const runtime_abi &abi = get_runtime_abi ();
  tree retry = create_artificial_label (no_line);
  tree done = create_artificial_label (no_line);
  DECL_CONTEXT (retry) = DECL_CONTEXT (done) = l->fndecl;
  tree handler = alloc_stmt_list ();
  append_to_statement_list_force (
    build_assign (unshare_expr (st.first_word),
		  fold_convert (TREE_TYPE (st.first_word), integer_one_node)),
    &handler);
  append_to_statement_list_force (build1 (GOTO_EXPR, void_type_node, retry),
				  &handler);
  tree list = alloc_stmt_list ();
  auto add = [&] (tree t) { append_to_statement_list_force (t, &list); };
  add (build1 (LABEL_EXPR, void_type_node, retry));
  tree tc = build2 (TRY_CATCH_EXPR, void_type_node, run, handler);
  TREE_SIDE_EFFECTS (tc) = 1;
  SET_EXPR_LOCATION (tc, no_line);
  add (tc);
  add (build1 (GOTO_EXPR, void_type_node, done));
  add (build1 (LABEL_EXPR, void_type_node, panicked));
  add (build_call_expr (abi.continue_fn, 0));
  add (build1 (LABEL_EXPR, void_type_node, done));
  return list;
}

/* A function that lowers its stack pointer (VLA, alloca) and uses the
   pool takes its mark before it does, on entry, as an allocation of
   nothing: a mark taken from inside a VLA's scope would look deeper than
   the function's later calls.  */
void
take_mark_at_entry (const records_state &st, lowering *l)
{
  if (!l->plan->mark_on_entry)
    return;
  const runtime_abi &abi = get_runtime_abi ();
  add_stmt_to (&l->prologue,
	       build_call_expr (abi.alloc_fn, 2, address_of (st.frame),
				size_cst (0)));
}

/* The frame buffer pooled records are bumped from first.  */
void
set_up_buffer (records_state *st, lowering *l)
{
  unsigned long bytes = l->plan->frame_buffer;
  if (!bytes)
    return;
  tree char_ptr = build_pointer_type (char_type_node);
  tree buffer = make_local (l->fndecl, "__defer_buffer",
			    build_array_type_nelts (char_type_node, bytes));
  SET_DECL_ALIGN (buffer, defer_rules::pool_align * BITS_PER_UNIT);
  DECL_USER_ALIGN (buffer) = 1;
  st->cur = make_local (l->fndecl, "__defer_cur", char_ptr);
  st->end = make_local (l->fndecl, "__defer_end", char_ptr);
  for (tree v : {buffer, st->cur, st->end})
    append_var (l->outer, v);
  tree start = fold_convert (char_ptr, address_of (buffer));
  if (l->plan->shape == defer_rules::Shape::records_stack)
    {
      /* The null word below the stack's first base.  */
      st->first_word = at_offset (start, 0, char_ptr);
      add_stmt_to (&l->prologue,
		   build_assign (st->first_word, build_zero_cst (char_ptr)));
      add_stmt_to (&l->prologue,
		   build_assign (st->cur, fold_build_pointer_plus_hwi (
					    start, l->plan->stack_start)));
      st->base = make_local (l->fndecl, "__defer_base", char_ptr);
      append_var (l->outer, st->base);
      add_stmt_to (&l->prologue, build_assign (st->base, st->cur));
    }
  else
    add_stmt_to (&l->prologue, build_assign (st->cur, start));
  /* The stack's limit is the last place where its largest record
     starts.  */
  if (l->plan->shape == defer_rules::Shape::records_stack)
    bytes -= l->plan->stack_record_max;
  add_stmt_to (&l->prologue,
	       build_assign (st->end,
			     build2 (POINTER_PLUS_EXPR, char_ptr, start,
				     size_cst (bytes))));
}

/* The frame descriptor: for libdefer when records come from the pool,
   and to hold the list head when a longjmp may come back.  */
void
declare_frame (records_state *st, lowering *l)
{
  const runtime_abi &abi = get_runtime_abi ();
  bool setjmp = l->plan->top_in_frame;
  st->frame = make_local (l->fndecl, "__defer_frame", abi.frame_type);
  /* A longjmp back into the function must find the pushes it made.  */
  if (setjmp)
    TREE_THIS_VOLATILE (st->frame) = 1;
  append_var (l->outer, st->frame);
  /* libdefer reads only mark_cur before it sets the rest; top is read
     only where it lives in the frame (setjmp).  */
  if (setjmp)
    add_stmt_to (&l->prologue,
		 build_assign (st->frame,
			       build_constructor (abi.frame_type, NULL)));
  else
    add_stmt_to (&l->prologue,
		 build_assign (member (st->frame, abi.frame_mark_cur),
			       build_zero_cst (TREE_TYPE (abi.frame_mark_cur))));
  /* Where new storage lands: the block libdefer grew a stack by, or a
     record taken from the pool.  */
  if (l->plan->shape == defer_rules::Shape::records_stack)
    {
      st->block = make_local (l->fndecl, "__defer_block", abi.block_type);
      append_var (l->outer, st->block);
    }
  else
    {
      st->raw = make_local (l->fndecl, "__defer_raw",
			    build_pointer_type (char_type_node));
      append_var (l->outer, st->raw);
    }
}

} // namespace

void
lower_with_records (lowering *l)
{
  const runtime_abi &abi = get_runtime_abi ();
  const defer_rules::Plan &plan = *l->plan;
  std::vector<site_plan> plans (l->scan->sites.size ());
  for (unsigned i = 0; i < plans.size (); i++)
    plan_site (*l, i, plans[i]);
  records_state st = {NULL_TREE, NULL_TREE, NULL_TREE, NULL_TREE,
		      NULL_TREE, plan.pooled, NULL_TREE, NULL_TREE,
		      NULL_TREE, NULL_TREE, NULL_TREE};
  bool stacked = plan.shape == defer_rules::Shape::records_stack;
  if (plan.shape == defer_rules::Shape::records_array)
    declare_shared (plans, &st, l);
  else if (!stacked)
    declare_slots (plans, l);
  if (plan.frame_descriptor)
    declare_frame (&st, l);
  /* Without setjmp nothing comes back into the function after a call
     that libdefer could see, so the list head can live in a register and
     pooled storage can be bumped from locals.  */
  if (plan.top_in_frame)
    st.top = member (st.frame, abi.frame_top);
  else if (!st.shared && !stacked)
    {
      st.top = make_local (l->fndecl, "__defer_top",
			   build_pointer_type (abi.record_type));
      append_var (l->outer, st.top);
      add_stmt_to (&l->prologue,
		   build_assign (st.top, build_zero_cst (TREE_TYPE (st.top))));
    }
  set_up_buffer (&st, l);
  for (unsigned i = 0; i < plans.size (); i++)
    register_site (*l, i, plans[i], st);
  take_mark_at_entry (st, l);
  if (stacked)
    {
      tree panicked = create_artificial_label (no_line);
      DECL_CONTEXT (panicked) = l->fndecl;
      tree run = build_stack_finally (*l, plans, st, panicked);
      l->finally = retry_stack_after_unwinding (st, run, panicked, l);
    }
  else
    l->finally = retry_after_unwinding (build_finally (*l, plans, st), l);
}

} // namespace defer_gcc
