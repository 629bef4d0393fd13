// SPDX-License-Identifier: MIT
/* No try-finally with nothing on one side reaches GCC's EH pass.

   A deferred block can gimplify to nothing (declarations, reads without
   effect), and so can the code after a `defer`; GCC's EH lowering
   crashes on a try-finally whose body or cleanup is empty.  Which
   GENERIC gimplifies to nothing is the gimplifier's business, so the
   check is made on its output, just before the EH pass: a try with an
   empty cleanup is its body, one with an empty body is its cleanup (run
   once, as the body falls off its end).  */

#include "defer-gcc.h"
#include "tree-pass.h"
#include "gimple.h"
#include "gimple-iterator.h"

namespace defer_gcc {

namespace {

/* Whether SEQ does nothing: no statements, or debug markers only.  */
bool
does_nothing (gimple_seq seq)
{
  for (gimple_stmt_iterator gsi = gsi_start (seq); !gsi_end_p (gsi);
       gsi_next (&gsi))
    if (!is_gimple_debug (gsi_stmt (gsi))
	&& gimple_code (gsi_stmt (gsi)) != GIMPLE_NOP)
      return false;
  return true;
}

void drop_empty_tries (gimple_seq *seq);

/* The same in the sequences nested in STMT.  */
void
drop_in_nested (gimple *stmt)
{
  switch (gimple_code (stmt))
    {
    case GIMPLE_TRY:
      drop_empty_tries (gimple_try_eval_ptr (stmt));
      drop_empty_tries (gimple_try_cleanup_ptr (stmt));
      break;
    case GIMPLE_BIND:
      drop_empty_tries (gimple_bind_body_ptr (as_a<gbind *> (stmt)));
      break;
    case GIMPLE_CATCH:
      drop_empty_tries (gimple_catch_handler_ptr (as_a<gcatch *> (stmt)));
      break;
    case GIMPLE_EH_FILTER:
      drop_empty_tries (gimple_eh_filter_failure_ptr (stmt));
      break;
    case GIMPLE_EH_ELSE:
      {
	geh_else *e = as_a<geh_else *> (stmt);
	drop_empty_tries (gimple_eh_else_n_body_ptr (e));
	drop_empty_tries (gimple_eh_else_e_body_ptr (e));
      }
      break;
    default:
      break;
    }
}

void
drop_empty_tries (gimple_seq *seq)
{
  gimple_stmt_iterator gsi = gsi_start (*seq);
  while (!gsi_end_p (gsi))
    {
      gimple *stmt = gsi_stmt (gsi);
      drop_in_nested (stmt);
      if (gimple_code (stmt) != GIMPLE_TRY
	  || gimple_try_kind (stmt) != GIMPLE_TRY_FINALLY)
	{
	  gsi_next (&gsi);
	  continue;
	}
      gimple_seq eval = gimple_try_eval (stmt);
      gimple_seq cleanup = gimple_try_cleanup (stmt);
      if (!does_nothing (eval) && !does_nothing (cleanup))
	{
	  gsi_next (&gsi);
	  continue;
	}
      gimple_seq keep = does_nothing (cleanup) ? eval : cleanup;
      if (keep)
	gsi_insert_seq_before (&gsi, keep, GSI_SAME_STMT);
      gsi_remove (&gsi, false);
    }
}

} // namespace

/* PLUGIN_PASS_EXECUTION: before the EH pass of each function.  */
void
defer_drop_empty_cleanups (void *gcc_data, void *)
{
  opt_pass *pass = (opt_pass *) gcc_data;
  if (!cfun || !pass->name || strcmp (pass->name, "eh") != 0)
    return;
  gimple_seq body = gimple_body (current_function_decl);
  drop_empty_tries (&body);
  gimple_set_body (current_function_decl, body);
}

} // namespace defer_gcc
