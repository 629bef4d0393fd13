// SPDX-License-Identifier: MIT
/* No landing pad reaches GCC's EH cleanup with a PHI whose one argument
   is a constant.

   A deferred block that begins with a loop gives its unwinding copy a
   landing pad block with nothing in it: the loop counter's first value
   is a PHI argument of the loop.  When the scalar replacement of a local
   the block reads (SRA) finds its value constant on the unwinding edge,
   as `struct R r = {0}` before the first call, the landing pad gets a
   PHI whose argument is that constant, and one argument once the other
   edges into it are gone (a call found not to throw).  The "ehcleanup"
   pass then merges the landing pad into the loop (tree-eh.cc's
   unsplit_eh) and propagates its PHIs by hand, which is only right for
   SSA names: with a constant it leaves the statements that used the PHI
   with stale operands (-fchecking: "excess use operand for statement")
   and writes a flag of an SSA name into the constant; dce then crashes.

   Just before each "ehcleanup", such a PHI is propagated the way GCC's
   other passes do it (replace_uses_by updates and folds the statements
   that use it) and removed, so that the pass finds none.  Its value is
   the same on the one edge, so nothing else changes.  */

#include "defer-gcc.h"
#include "tree-pass.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "ssa.h"
#include "tree-cfg.h"
#include "except.h"

namespace defer_gcc {

namespace {

/* Whether PHI, in a block with one predecessor, may be replaced by its
   argument: a constant (an SSA name is what GCC handles itself), and no
   abnormal edge on which the result flows (those need SSA names).  */
bool
constant_phi_p (gphi *phi)
{
  tree lhs = gimple_phi_result (phi);
  tree arg = gimple_phi_arg_def (phi, 0);
  return !virtual_operand_p (lhs) && TREE_CODE (arg) != SSA_NAME
	 && is_gimple_min_invariant (arg)
	 && !SSA_NAME_OCCURS_IN_ABNORMAL_PHI (lhs);
}

void
propagate_constant_phis (basic_block bb)
{
  if (!single_pred_p (bb))
    return;
  for (gphi_iterator gsi = gsi_start_phis (bb); !gsi_end_p (gsi);)
    {
      gphi *phi = gsi.phi ();
      if (!constant_phi_p (phi))
	{
	  gsi_next (&gsi);
	  continue;
	}
      replace_uses_by (gimple_phi_result (phi), gimple_phi_arg_def (phi, 0));
      remove_phi_node (&gsi, true);
    }
}

} // namespace

/* PLUGIN_PASS_EXECUTION: before each EH cleanup pass of a function in
   SSA form.  */
void
defer_propagate_landing_pad_phis (void *gcc_data, void *)
{
  opt_pass *pass = (opt_pass *) gcc_data;
  if (!cfun || !pass->name || strcmp (pass->name, "ehcleanup") != 0
      || !cfun->eh || !gimple_in_ssa_p (cfun) || !cfun->cfg)
    return;
  eh_landing_pad lp;
  for (unsigned i = 1; vec_safe_iterate (cfun->eh->lp_array, i, &lp); i++)
    if (lp && lp->post_landing_pad)
      if (basic_block bb = label_to_block (cfun, lp->post_landing_pad))
	propagate_constant_phis (bb);
}

} // namespace defer_gcc
