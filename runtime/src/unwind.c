/* SPDX-License-Identifier: MIT */
/* The frame walk of a panic with libdefer's own rules (see unwind.h):
   from the frame that raised or resumed the panic outwards, note each
   frame, enter the first landing pad found, or hand over to libgcc.  The
   landing pad runs the frame's deferred blocks and comes back through
   __libdefer_resume, __libdefer_continue or libgcc's _Unwind_Resume
   (the last two cases go on with libgcc and the panic's stop function,
   which notes frames the same way).  */

#include "unwind.h"

#if LIBDEFER_FAST_UNWIND

/* From the frame REGS describes, whose CFA is CFA, to its caller.  */
static void
step (struct uw_regs *regs, const struct uw_rule *rule, uintptr_t cfa)
{
  for (int i = 0; i < UW_SAVED; i++)
    if (rule->saved[i])
      regs->reg[i] = *(const uintptr_t *) (cfa + (intptr_t) rule->saved[i]);
  regs->ip = *(const uintptr_t *) (cfa + (intptr_t) rule->ra_offset);
  regs->sp = cfa;
}

void
__libdefer_uw_walk (struct _Unwind_Exception *e, struct uw_regs *regs)
{
  for (;;)
    {
      struct uw_rule rule;
      __libdefer_uw_rule (regs->ip, &rule);
      if (rule.kind == UW_SYSTEM)
	__libdefer_uw_system (e, regs);
      if (rule.kind == UW_END)
	__libdefer_panic_end ();
      uintptr_t cfa = uw_frame_cfa (&rule, regs->sp, regs->reg[UW_RBP]);
      __libdefer_panic_frame (cfa, regs->ip);
      if (rule.landing_pad)
	__libdefer_uw_land (regs, rule.landing_pad, e);
      step (regs, &rule, cfa);
    }
}

#endif
