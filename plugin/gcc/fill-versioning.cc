// SPDX-License-Identifier: MIT
/* Loops that push records onto the stack without testing for room.

   A `defer` in a loop with a run-time trip count bumps its records onto
   the call's stack (lower-records.cc, records_stack), testing on every
   pass whether the current block has room:

     if (__defer_cur > __defer_end) grow;    out of line, a call
     store the copies at __defer_cur;  __defer_cur += S;

   The test costs two instructions per record, and the call in the loop
   keeps its counter and limit in saved registers.  Hand-written code
   tests once, before the loop, against the number of passes.  GCC knows
   that number once it has found the loop's induction variables, long
   after the plugin lowered the function, so this pass, just after the
   loop optimisers start, versions each such loop on it:

     if (room >= STEP && latch <= (room - STEP) / STEP)   no product
       the loop without the tests;                        to wrap
     else
       the loop as it was;

   ROOM is the limit less the cursor on entry, LATCH an upper bound of
   the times the loop's latch runs (GCC's count for an exit taken on
   every pass, whatever other exits do), STEP the most bytes one pass
   pushes: the cursor's way around the loop, from its header PHI back to
   it, each join taking its largest way in and the ways out of a growing
   block left out (they are gone in the copy).  Found that way, not by
   names, so that nothing GCC did to the cursor before can hide a push;
   anything but a constant step, or a push in a nested loop, and the loop
   stays as it was.  While the copy runs every push finds room, so its
   tests are known to fail and are folded away.  The copy is the one
   GCC's own unswitching makes at -O3, so whatever GCC can duplicate it
   keeps right (landing pads, statement expressions, asm).  Not when
   optimising for size.  */

#include "defer-gcc.h"
#include "tree-pass.h"
#include "context.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "ssa.h"
#include "cfgloop.h"
#include "cfgloopmanip.h"
#include "tree-ssa-loop.h"
#include "tree-ssa-loop-niter.h"
#include "tree-chrec.h"
#include "tree-scalar-evolution.h"
#include "tree-into-ssa.h"
#include "fold-const.h"
#include "tree-cfg.h"
#include "gimplify-me.h"

namespace defer_gcc {

namespace {

/* Whether STMT grows the stack: calls libdefer's grow.  */
bool
grows_p (gimple *stmt)
{
  tree fn = is_gimple_call (stmt) ? gimple_call_fndecl (stmt) : NULL_TREE;
  return fn && DECL_NAME (fn)
	 && !strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)), "__libdefer_grow");
}

/* A call growing the stack in a block of LOOP that BB dominates, or
   null.  */
gcall *
growing_call (class loop *loop, basic_block bb)
{
  basic_block *body = get_loop_body (loop);
  gcall *found = nullptr;
  for (unsigned i = 0; !found && i < loop->num_nodes; i++)
    if (dominated_by_p (CDI_DOMINATORS, body[i], bb))
      for (gimple_stmt_iterator gsi = gsi_start_bb (body[i]);
	   !found && !gsi_end_p (gsi); gsi_next (&gsi))
	if (grows_p (gsi_stmt (gsi)))
	  found = as_a<gcall *> (gsi_stmt (gsi));
  free (body);
  return found;
}

/* What versioning a loop needs: its room tests (the test, and its value
   when the stack grows), the blocks where it grows, the most bytes its
   pushes take per pass, and the stack's cursor and limit on entry.  */
struct fill_loop
{
  class loop *loop;
  std::vector<std::pair<gcond *, bool>> tests;
  std::vector<basic_block> growing;
  gphi *cur_phi = nullptr, *end_phi = nullptr;
  unsigned HOST_WIDE_INT step = 0;
  tree cur = NULL_TREE, end = NULL_TREE;
  /* A call growing the stack in the loop, and the base of the stack's
     block on entry, which it is given: to grow before the loop.  */
  gcall *grow = nullptr;
  gphi *base_phi = nullptr;
  tree base = NULL_TREE;
};

/* The edge out of COND taken when it is WHEN.  */
edge
grow_edge (gcond *cond, bool when)
{
  edge t, f;
  extract_true_false_edges_from_block (gimple_bb (cond), &t, &f);
  return when ? t : f;
}

/* The room test `cur > end` in COND, in any of GCC's spellings, growing
   the stack on the edge to a block that grows it: its cursor and
   limit in *CUR and *END, its value when the stack grows in
   *GROW_WHEN.  */
bool
room_test_p (class loop *loop, gcond *cond, tree *cur, tree *end,
	     bool *grow_when)
{
  *cur = gimple_cond_lhs (cond);
  *end = gimple_cond_rhs (cond);
  switch (gimple_cond_code (cond))
    {
    case GT_EXPR:	/* cur > end */
      *grow_when = true;
      break;
    case LE_EXPR:	/* cur <= end */
      *grow_when = false;
      break;
    case LT_EXPR:	/* end < cur */
      std::swap (*cur, *end);
      *grow_when = true;
      break;
    case GE_EXPR:	/* end >= cur */
      std::swap (*cur, *end);
      *grow_when = false;
      break;
    default:
      return false;
    }
  if (!POINTER_TYPE_P (TREE_TYPE (*cur)) || TREE_CODE (*cur) != SSA_NAME
      || TREE_CODE (*end) != SSA_NAME)
    return false;
  basic_block grow = grow_edge (cond, *grow_when)->dest;
  return single_pred_p (grow) && growing_call (loop, grow);
}

/* Whether BB is dead once the room tests are folded: it can only be
   reached by growing the stack.  */
bool
dead_when_fast (const fill_loop &f, basic_block bb)
{
  for (basic_block g : f.growing)
    if (dominated_by_p (CDI_DOMINATORS, bb, g))
      return true;
  return false;
}

/* The most bytes pushed between the start of a pass and the cursor
   value V, with the room tests folded; -1 if V is not the cursor moved
   by constants.  The cursor's header PHI is *PHI (found on the way if
   null).  Joins take their largest way in.  */
HOST_WIDE_INT
pushed (fill_loop &f, tree v, gphi **phi, hash_map<tree, HOST_WIDE_INT> &seen)
{
  if (TREE_CODE (v) != SSA_NAME)
    return -1;
  if (HOST_WIDE_INT *known = seen.get (v))
    return *known;
  HOST_WIDE_INT result = -1;
  gimple *def = SSA_NAME_DEF_STMT (v);
  basic_block bb = gimple_bb (def);
  if (!bb || bb->loop_father != f.loop)
    ;				/* from outside, or a nested loop */
  else if (gphi *p = dyn_cast<gphi *> (def))
    {
      if (bb == f.loop->header)
	{
	  if (!*phi)
	    *phi = p;
	  result = *phi == p ? 0 : -1;
	}
      else
	{
	  seen.put (v, -1);	/* no cycle inside one pass */
	  bool any = false;
	  for (unsigned i = 0; i < gimple_phi_num_args (p); i++)
	    {
	      if (dead_when_fast (f, gimple_phi_arg_edge (p, i)->src))
		continue;
	      HOST_WIDE_INT in = pushed (f, gimple_phi_arg_def (p, i), phi,
					 seen);
	      if (in < 0)
		{
		  any = false;
		  break;
		}
	      any = true;
	      result = std::max (result, in);
	    }
	  if (!any)
	    result = -1;
	}
    }
  else if (is_gimple_assign (def))
    {
      tree_code code = gimple_assign_rhs_code (def);
      tree a = gimple_assign_rhs1 (def);
      if (code == POINTER_PLUS_EXPR
	  && tree_fits_shwi_p (gimple_assign_rhs2 (def))
	  && tree_to_shwi (gimple_assign_rhs2 (def)) >= 0)
	{
	  HOST_WIDE_INT in = pushed (f, a, phi, seen);
	  result = in < 0 ? -1 : in + tree_to_shwi (gimple_assign_rhs2 (def));
	}
      else if (gimple_assign_ssa_name_copy_p (def)
	       || (CONVERT_EXPR_CODE_P (code)
		   && POINTER_TYPE_P (TREE_TYPE (a))))
	result = pushed (f, a, phi, seen);
    }
  seen.put (v, result);
  return result;
}

/* Whether the limit V stays what it was on entry while no test grows
   the stack: the header PHI *PHI (found on the way if null) through
   copies and joins, or a value from outside the loop (in *PHI's stead,
   *OUTSIDE).  */
bool
unchanged (fill_loop &f, tree v, gphi **phi, tree *outside,
	   hash_set<tree> &seen)
{
  if (TREE_CODE (v) != SSA_NAME)
    return false;
  gimple *def = SSA_NAME_DEF_STMT (v);
  basic_block bb = gimple_bb (def);
  if (!bb || !flow_bb_inside_loop_p (f.loop, bb))
    {
      if (!*outside && !*phi)
	*outside = v;
      return *outside == v;
    }
  if (bb->loop_father != f.loop || seen.add (v))
    return bb->loop_father == f.loop;
  if (gphi *p = dyn_cast<gphi *> (def))
    {
      if (bb == f.loop->header)
	{
	  if (!*phi && !*outside)
	    *phi = p;
	  if (*phi != p)
	    return false;
	  /* And the same value comes back around the loop.  */
	  return unchanged (f, PHI_ARG_DEF_FROM_EDGE (p, loop_latch_edge (f.loop)),
			    phi, outside, seen);
	}
      bool any = false;
      for (unsigned i = 0; i < gimple_phi_num_args (p); i++)
	{
	  if (dead_when_fast (f, gimple_phi_arg_edge (p, i)->src))
	    continue;
	  if (!unchanged (f, gimple_phi_arg_def (p, i), phi, outside, seen))
	    return false;
	  any = true;
	}
      return any;
    }
  return gimple_assign_ssa_name_copy_p (def)
	 && unchanged (f, gimple_assign_rhs1 (def), phi, outside, seen);
}

/* The call growing F's stack in its first growing block, and the base it
   is given as it was on entry (a header PHI's, only growing changes it),
   into F; nothing where they are not plain.  */
void
find_growing_call (fill_loop *f)
{
  f->grow = growing_call (f->loop, f->growing[0]);
  if (!f->grow || gimple_call_num_args (f->grow) != 4
      || !VAR_P (gimple_call_lhs (f->grow))
      || !tree_fits_uhwi_p (gimple_call_arg (f->grow, 3)))
    {
      f->grow = nullptr;
      return;
    }
  gphi *phi = nullptr;
  tree outside = NULL_TREE;
  hash_set<tree> seen;
  if (!unchanged (*f, gimple_call_arg (f->grow, 1), &phi, &outside, seen)
      || !phi)
    f->grow = nullptr;
  else
    f->base = PHI_ARG_DEF_FROM_EDGE (phi, loop_preheader_edge (f->loop));
  f->base_phi = phi;
}

/* Scan LOOP into F: false unless every room test in LOOP's own blocks
   compares one cursor, moved only by constants from its header PHI, with
   one limit that only growing changes.  */
bool
scan_loop (class loop *loop, fill_loop *f)
{
  f->loop = loop;
  basic_block *body = get_loop_body (loop);
  std::vector<std::pair<tree, tree>> operands;
  for (unsigned i = 0; i < loop->num_nodes; i++)
    {
      basic_block bb = body[i];
      gimple_stmt_iterator last = gsi_last_bb (bb);
      gcond *cond = gsi_end_p (last) ? NULL
				      : dyn_cast<gcond *> (gsi_stmt (last));
      tree cur, end;
      bool grow_when;
      if (bb->loop_father != loop || !cond
	  || !room_test_p (loop, cond, &cur, &end, &grow_when))
	continue;
      f->tests.push_back ({cond, grow_when});
      operands.push_back ({cur, end});
      f->growing.push_back (grow_edge (cond, grow_when)->dest);
    }
  free (body);
  if (f->tests.empty ())
    return false;
  hash_map<tree, HOST_WIDE_INT> seen;
  hash_set<tree> seen_end;
  tree outside = NULL_TREE;
  for (const auto &o : operands)
    if (pushed (*f, o.first, &f->cur_phi, seen) < 0
	|| !unchanged (*f, o.second, &f->end_phi, &outside, seen_end))
      return false;
  /* The bytes of a whole pass: the cursor coming back around.  */
  edge latch = loop_latch_edge (loop);
  HOST_WIDE_INT step
    = pushed (*f, PHI_ARG_DEF_FROM_EDGE (f->cur_phi, latch), &f->cur_phi,
	      seen);
  if (step <= 0)
    return false;
  f->step = step;
  edge entry = loop_preheader_edge (loop);
  f->cur = PHI_ARG_DEF_FROM_EDGE (f->cur_phi, entry);
  f->end = f->end_phi ? PHI_ARG_DEF_FROM_EDGE (f->end_phi, entry) : outside;
  find_growing_call (f);
  return true;
}

/* An upper bound of the times LOOP's latch runs, valid on entry: the
   count of an exit taken on every pass (that exit in *EXIT); null if
   none is known.  */
tree
latch_bound (class loop *loop, edge *exit)
{
  basic_block *body = get_loop_body (loop);
  tree bound = NULL_TREE;
  for (unsigned i = 0; !bound && i < loop->num_nodes; i++)
    {
      edge e;
      edge_iterator ei;
      FOR_EACH_EDGE (e, ei, body[i]->succs)
	{
	  class tree_niter_desc desc;
	  if (flow_bb_inside_loop_p (loop, e->dest)
	      || !number_of_iterations_exit (loop, e, &desc, false))
	    continue;
	  /* When the exit may come at once the count is 0, below NITER.  */
	  bound = desc.niter;
	  *exit = e;
	  break;
	}
    }
  free (body);
  return bound;
}

/* room >= step && latch <= (room - step) / step: (latch + 1) * step
   bytes fit, with no product that could wrap; a constant room (the
   frame buffer's, on entry to the first loop) folds it to one test.  */
tree
room_condition (const fill_loop &f, tree latch)
{
  tree step = size_int (f.step);
  tree room = fold_build2 (POINTER_DIFF_EXPR, ssizetype, f.end, f.cur);
  tree some = fold_build2 (GE_EXPR, boolean_type_node, room,
			   fold_convert (ssizetype, step));
  tree most = fold_build2 (TRUNC_DIV_EXPR, sizetype,
			   fold_convert (sizetype,
					 fold_build2 (MINUS_EXPR, ssizetype,
						      room,
						      fold_convert (ssizetype,
								    step))),
			   step);
  tree enough = fold_build2 (LE_EXPR, boolean_type_node,
			     fold_convert (sizetype, latch), most);
  return fold_build2 (TRUTH_AND_EXPR, boolean_type_node, some, enough);
}

/* Where to report a loop: the test of EXIT, its counted exit (the
   condition of a `for`), as GCC's own notes on loops do.  */
location_t
loop_location (edge exit)
{
  gimple_stmt_iterator last = gsi_last_bb (exit->src);
  return gsi_end_p (last) ? UNKNOWN_LOCATION : gimple_location (gsi_stmt (last));
}

/* The most bytes made room for before a loop: a loop that breaks early
   leaves at most this much unused until its function returns.  */
const unsigned HOST_WIDE_INT most_grown_before = 64 * 1024;

/* A PHI in JOIN of the values VALUES bring on their edges.  */
tree
join_phi (basic_block join, const std::vector<std::pair<edge, tree>> &values)
{
  tree result = make_ssa_name (TREE_TYPE (values[0].second));
  gphi *phi = create_phi_node (result, join);
  for (const auto &v : values)
    add_phi_arg (phi, v.second, v.first, UNKNOWN_LOCATION);
  return result;
}

/* Ends BB with `if (LHS CODE RHS)`, its single successor edge taken when
   false, and a new edge to TO when true; the new edge.  */
edge
end_with_test (basic_block bb, tree_code code, tree lhs, tree rhs,
	       basic_block to, profile_probability taken)
{
  gimple_stmt_iterator gsi = gsi_last_bb (bb);
  lhs = force_gimple_operand_gsi (&gsi, lhs, true, NULL_TREE, false,
				  GSI_CONTINUE_LINKING);
  gsi_insert_after (&gsi, gimple_build_cond (code, lhs, rhs, NULL_TREE,
					    NULL_TREE),
		    GSI_CONTINUE_LINKING);
  edge no = single_succ_edge (bb);
  no->flags = EDGE_FALSE_VALUE;
  edge yes = make_edge (bb, to, EDGE_TRUE_VALUE);
  yes->probability = taken;
  no->probability = taken.invert ();
  return yes;
}

/* Where FITS is false but the loop's passes are few, grow the stack
   before the loop as the loop itself would, with room for all of them:
     if (!fits && latch < MOST)
       { block = __libdefer_grow (frame, base, cur, 2 * SIZE + passes * STEP);
	 base = cur = block.base;  end = block.end - SIZE; }
   SIZE, the loop's own request, covers the new block's link and its
   largest record: the end so kept is no later than the loop's would be,
   and leaves PASSES * STEP bytes after the base.  The loop starts from
   the new cursor, base and end.  Returns whether it runs without tests:
   FITS, or the stack grew.  */
tree
grow_before (fill_loop &f, tree latch, tree fits)
{
  tree size = gimple_call_arg (f.grow, 3);
  unsigned HOST_WIDE_INT most = most_grown_before / f.step;
  /* test: if (fits) goto join;  few: if (latch >= MOST) goto join;
     grow: ...;  join: the loop's entry values.  */
  basic_block test = split_edge (loop_preheader_edge (f.loop));
  basic_block join = split_edge (single_succ_edge (test));
  basic_block few = split_edge (single_succ_edge (test));
  basic_block grow = split_edge (single_succ_edge (few));
  edge fitting = end_with_test (test, NE_EXPR, fits, boolean_false_node, join,
				profile_probability::likely ());
  tree count = fold_convert (sizetype, latch);
  edge many = end_with_test (few, GE_EXPR, count, size_int (most), join,
			     profile_probability::unlikely ());
  edge back = single_succ_edge (grow);
  set_immediate_dominator (CDI_DOMINATORS, join, test);

  gimple_stmt_iterator gsi = gsi_start_bb (grow);
  tree bytes = fold_build2 (
    PLUS_EXPR, sizetype,
    fold_build2 (MULT_EXPR, sizetype,
		 fold_build2 (PLUS_EXPR, sizetype, count, size_one_node),
		 size_int (f.step)),
    size_int (2 * tree_to_uhwi (size)));
  bytes = force_gimple_operand_gsi (&gsi, bytes, true, NULL_TREE, true,
				    GSI_SAME_STMT);
  tree block = gimple_call_lhs (f.grow);
  gcall *call = gimple_build_call (gimple_call_fndecl (f.grow), 4,
				   gimple_call_arg (f.grow, 0), f.base, f.cur,
				   bytes);
  gimple_call_set_lhs (call, block);
  gsi = gsi_last_bb (grow);
  gsi_insert_after (&gsi, call, GSI_CONTINUE_LINKING);
  tree base_field = TYPE_FIELDS (TREE_TYPE (block));
  tree end_field = DECL_CHAIN (base_field);
  tree new_base = make_ssa_name (TREE_TYPE (f.cur));
  gsi_insert_after (&gsi, gimple_build_assign (
		      new_base, build3 (COMPONENT_REF, TREE_TYPE (base_field),
					block, base_field, NULL_TREE)),
		    GSI_CONTINUE_LINKING);
  tree block_end = make_ssa_name (TREE_TYPE (f.end));
  gsi_insert_after (&gsi, gimple_build_assign (
		      block_end, build3 (COMPONENT_REF, TREE_TYPE (end_field),
					 block, end_field, NULL_TREE)),
		    GSI_CONTINUE_LINKING);
  tree new_end = force_gimple_operand_gsi (
    &gsi, fold_build_pointer_plus_hwi (block_end,
				       -(HOST_WIDE_INT) tree_to_uhwi (size)),
    true, NULL_TREE, false, GSI_CONTINUE_LINKING);

  edge entry = loop_preheader_edge (f.loop);
  auto entry_from = [&] (tree unchanged, tree grown) {
    return join_phi (join, {{fitting, unchanged}, {many, unchanged},
			    {back, grown}});
  };
  SET_USE (PHI_ARG_DEF_PTR_FROM_EDGE (f.cur_phi, entry),
	   entry_from (f.cur, new_base));
  SET_USE (PHI_ARG_DEF_PTR_FROM_EDGE (f.base_phi, entry),
	   entry_from (f.base, new_base));
  SET_USE (PHI_ARG_DEF_PTR_FROM_EDGE (f.end_phi, entry),
	   entry_from (f.end, new_end));
  return join_phi (join, {{fitting, boolean_true_node},
			  {many, boolean_false_node},
			  {back, boolean_true_node}});
}

/* Version F.loop on its room condition; the original, which runs when
   it holds, loses its room tests.  Returns whether the function
   changed.  */
bool
version (fill_loop &f)
{
  edge exit = NULL;
  tree latch = latch_bound (f.loop, &exit);
  if (!latch || chrec_contains_undetermined (latch)
      || !can_duplicate_loop_p (f.loop))
    return false;
  tree cond = room_condition (f, latch);
  if (integer_zerop (cond))
    return false;
  /* Computed on entry, where its operands are, in the preheader that
     the versioning test will follow.  */
  gimple_seq stmts = NULL;
  tree fits = force_gimple_operand (cond, &stmts, true, NULL_TREE);
  gsi_insert_seq_on_edge_immediate (loop_preheader_edge (f.loop), stmts);
  bool grows = f.grow && f.end_phi && most_grown_before / f.step;
  if (grows)
    fits = grow_before (f, latch, fits);
  cond = fold_build2 (NE_EXPR, boolean_type_node, fits, boolean_false_node);
  profile_probability likely = profile_probability::likely ();
  class loop *slow = loop_version (f.loop, cond, NULL, likely,
				  likely.invert (), likely, likely.invert (),
				  true);
  /* Without the copy the loop keeps its tests; the stack grown before
     it is still a stack it can use.  */
  if (!slow)
    return grows;
  if (defer_opts.report)
    inform (loop_location (exit), "%s",
	    defer_rules::msg::note_loop_without_room_tests);
  for (const auto &t : f.tests)
    {
      if (t.second)
	gimple_cond_make_false (t.first);
      else
	gimple_cond_make_true (t.first);
      update_stmt (t.first);
    }
  return true;
}

const pass_data fill_versioning_data = {
  GIMPLE_PASS,
  "defer-fill",
  OPTGROUP_LOOP,
  TV_NONE,
  PROP_cfg | PROP_ssa,
  0,
  0,
  0,
  0,
};

class fill_versioning : public gimple_opt_pass
{
public:
  fill_versioning (gcc::context *ctxt)
    : gimple_opt_pass (fill_versioning_data, ctxt)
  {
  }

  bool
  gate (function *fun) override
  {
    return !optimize_function_for_size_p (fun);
  }

  opt_pass *
  clone () override
  {
    return new fill_versioning (m_ctxt);
  }

  unsigned int execute (function *fun) override;
};

unsigned int
fill_versioning::execute (function *fun)
{
  std::vector<fill_loop> loops;
  calculate_dominance_info (CDI_DOMINATORS);
  unsigned n = number_of_loops (fun);
  for (unsigned i = 1; i < n; i++)
    {
      fill_loop f;
      class loop *loop = get_loop (fun, i);
      if (loop && scan_loop (loop, &f))
	loops.push_back (f);
    }
  if (loops.empty ())
    return 0;
  bool changed = false;
  initialize_original_copy_tables ();
  for (fill_loop &f : loops)
    changed |= version (f);
  free_original_copy_tables ();
  if (!changed)
    return 0;
  /* The calls growing the stack before loops write memory.  */
  mark_virtual_operands_for_renaming (fun);
  update_ssa (TODO_update_ssa);
  scev_reset ();
  return TODO_cleanup_cfg;
}

} // namespace

void
register_fill_versioning (const char *plugin_name)
{
  static struct register_pass_info info;
  info.pass = new fill_versioning (g);
  info.reference_pass_name = "loopinit";
  info.ref_pass_instance_number = 0;
  info.pos_op = PASS_POS_INSERT_AFTER;
  register_callback (plugin_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

} // namespace defer_gcc
