/* Landing pads for every call made while deferred blocks are pending.

   A panic is a forced unwind, and it passes through calls that C's rules
   say cannot unwind: a signal handler's panic comes out of raise () or
   kill (), which glibc declares nothrow.  GCC gives a call of a nothrow
   function no landing pad, and finds a function nothrow when it calls
   nothing else (ipa-pure-const, and at -O0 the RTL pass "nothrow"), so
   that its callers lose theirs too.  The declarations of a unit compiled
   with unwinding support therefore lose their nothrow: GCC then treats
   the callee as it treats any other, and infers nothrow only from bodies
   that call nothing that may unwind.  A function without cleanups gains
   nothing from nothrow, and in one with them the landing pads and the
   call-site table are off the normal path.  */

#include "defer-gcc.h"
#include "tree-pass.h"

namespace defer_gcc {

/* libdefer's own entry points keep theirs.  */
static bool
libdefer_entry_p (tree fndecl)
{
  tree name = DECL_NAME (fndecl);
  return (name
	  && (startswith (IDENTIFIER_POINTER (name), "__defer")
	      || startswith (IDENTIFIER_POINTER (name), "__libdefer")));
}

/* Kept: a builtin's flags, which are what the compiler knows of the
   function (memcpy, strlen, abort); const and pure functions, whose calls
   the optimisers may merge or drop (__errno_location); and functions that
   do not return normally or return twice (longjmp, _exit, setjmp), which
   no signal handler's panic is expected under.  Clang keeps these
   nounwind too.  */
static bool
keeps_nothrow_p (tree fndecl)
{
  int kept = ECF_CONST | ECF_PURE | ECF_NORETURN | ECF_RETURNS_TWICE;
  return (fndecl_built_in_p (fndecl)
	  || (flags_from_decl_or_type (fndecl) & kept)
	  || libdefer_entry_p (fndecl));
}

void
defer_drop_nothrow (tree fndecl)
{
  if (TREE_CODE (fndecl) == FUNCTION_DECL && !keeps_nothrow_p (fndecl))
    TREE_NOTHROW (fndecl) = 0;
}

/* PLUGIN_FINISH_DECL.  */
void
defer_finish_decl (void *gcc_data, void *)
{
  defer_drop_nothrow ((tree) gcc_data);
}

/* Under -flto, GCC also sees the bodies of functions compiled without
   -fexceptions, and takes them not to unwind: ipa-pure-const finds them
   nothrow, when they are compiled and again at link time.  A callback
   that panics through one of them would lose the landing pad of the call
   that reached it.  So at link time such functions forget it, once each
   IPA pass has run (the nothrow of the whole-program analysis is then
   gone from the declarations streamed to each partition), and once each
   of them is compiled (its local passes find it nothrow again).  The
   whole-program analysis also finds nothrow the functions compiled with
   -fexceptions whose calls reach only such functions (a function without
   defers calling one, and the function with defers calling that): they
   forget it as well, walking up from each function compiled without
   -fexceptions through the callers that were found nothrow.  A function
   inlined into one with cleanups needs nothing more: its calls are
   judged again under the caller's options.  */
static bool
compiled_without_exceptions_p (cgraph_node *node)
{
  /* Functions outside the link-time unit have no options of their own.  */
  return (DECL_FUNCTION_SPECIFIC_OPTIMIZATION (node->decl)
	  && !fndecl_built_in_p (node->decl)
	  && !opt_for_fn (node->decl, flag_exceptions));
}

/* The callers still to visit in the walk up from the functions compiled
   without -fexceptions, and those already queued.  */
struct nothrow_walk
{
  auto_vec<cgraph_node *> work;
  hash_set<cgraph_node *> queued;
};

/* Queue the callers of NODE (called for it and its aliases and thunks,
   whose callers reach it too).  */
static bool
queue_callers (cgraph_node *node, void *data)
{
  nothrow_walk *walk = (nothrow_walk *) data;
  for (cgraph_edge *e = node->callers; e; e = e->next_caller)
    if (!walk->queued.add (e->caller))
      walk->work.safe_push (e->caller);
  return false;
}

/* PLUGIN_PASS_EXECUTION in lto1.  */
void
defer_forget_nothrow_after_ipa (void *gcc_data, void *)
{
  opt_pass *pass = (opt_pass *) gcc_data;
  if (pass->type != IPA_PASS && pass->type != SIMPLE_IPA_PASS)
    return;
  nothrow_walk walk;
  cgraph_node *node;
  FOR_EACH_FUNCTION (node)
    if (compiled_without_exceptions_p (node))
      {
	TREE_NOTHROW (node->decl) = 0;
	node->call_for_symbol_thunks_and_aliases (queue_callers, &walk, true);
      }
  /* A caller found nothrow may owe it to a callee above; one that is not
     nothrow passes nothing on.  The same analysis may also have found the
     caller const or pure (a panic's call makes no visible change), which
     does not make its nothrow any truer, so only builtins and libdefer's
     entries keep theirs here.  */
  while (!walk.work.is_empty ())
    {
      node = walk.work.pop ();
      if (TREE_NOTHROW (node->decl) && !fndecl_built_in_p (node->decl)
	  && !libdefer_entry_p (node->decl))
	{
	  TREE_NOTHROW (node->decl) = 0;
	  node->call_for_symbol_thunks_and_aliases (queue_callers, &walk,
						    true);
	}
    }
}

/* PLUGIN_ALL_PASSES_END in lto1: the function just compiled.  */
void
defer_forget_nothrow_after_function (void *, void *)
{
  cgraph_node *node = cgraph_node::get (current_function_decl);
  if (node && compiled_without_exceptions_p (node))
    TREE_NOTHROW (node->decl) = 0;
}

} // namespace defer_gcc
