/* The code the lowering adds around the deferred blocks has no line of
   its own (build.h's no_line): a debugger that steps from a `return`
   goes straight into the blocks that run, newest first, then to the
   closing brace, without stopping on the tests that choose them.

   The lowering builds that code at BUILTINS_LOCATION, and the gimplifier
   gives the same location to what it makes of it (labels, jumps,
   temporaries).  Just before EH lowering, every statement of a lowered
   function at that location loses it: EH lowering gives the statements
   without a location that it copies out of a try (the labels of a
   finally block among them) the try's location, and GCC marks every
   jump to a label with a location by a `nop` on that line at -O0.  A
   statement without a location starts no row of the line table, so the
   instructions of these statements belong to the line before them, where
   a debugger that arrives in the middle of a row does not stop.  */

#include "build.h"
#include "tree-pass.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-walk.h"

namespace defer_gcc {

namespace {

/* The functions lowered whose statements are still to be reset.  */
hash_set<tree> *lowered;

tree
forget_r (gimple_stmt_iterator *gsi, bool *handled, struct walk_stmt_info *)
{
  gimple *stmt = gsi_stmt (*gsi);
  if (LOCATION_LOCUS (gimple_location (stmt)) == no_line)
    {
      tree block = gimple_block (stmt);
      gimple_set_location (stmt, UNKNOWN_LOCATION);
      gimple_set_block (stmt, block);
    }
  *handled = false;
  return NULL_TREE;
}

} // namespace

tree
at_no_line (tree expr)
{
  tree copy = unshare_expr_without_location (expr);
  protected_set_expr_location (copy, no_line);
  return copy;
}

void
note_lowered (tree fndecl)
{
  if (!lowered)
    lowered = new hash_set<tree>;
  lowered->add (fndecl);
}

/* PLUGIN_PASS_EXECUTION: before the EH pass of a lowered function.  */
void
defer_forget_no_line (void *gcc_data, void *)
{
  opt_pass *pass = (opt_pass *) gcc_data;
  if (!cfun || !pass->name || strcmp (pass->name, "eh") != 0 || !lowered
      || !lowered->contains (current_function_decl))
    return;
  lowered->remove (current_function_decl);
  gimple_seq body = gimple_body (current_function_decl);
  struct walk_stmt_info wi;
  memset (&wi, 0, sizeof wi);
  walk_gimple_seq_mod (&body, forget_r, NULL, &wi);
  gimple_set_body (current_function_decl, body);
}

} // namespace defer_gcc
