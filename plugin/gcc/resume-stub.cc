// SPDX-License-Identifier: MIT
/* Landing pads that resume a panic through libdefer's frame walker when
   the program links libdefer, through libgcc otherwise.  */

#include "runtime-abi.h"

namespace defer_gcc {

/* The landing pads GCC makes end in a call to _Unwind_Resume.  In a unit
   with defers they call __defer_resume instead: a stub, one per linked
   object, that goes to libdefer's __libdefer_resume when the program links
   libdefer (a panic then goes on with libdefer's frame walker) and to
   _Unwind_Resume otherwise.  Both are entered with the landing pad's
   return address on the stack, as _Unwind_Resume wants; the normal path
   and the landing pads themselves are unchanged.

   The stub goes at the end of every assembly file whose code calls it:
   under -flto that is each link-time partition with a landing pad, which
   top-level asm (kept per unit, and output in one partition only) could
   not reach.  Objects compiled with -flto by earlier versions of the
   plugin bring the stub as top-level asm: .ifndef keeps the first copy.
   The stub is in AT&T syntax, whatever -masm says.  */
static const char resume_stub[] ATTRIBUTE_UNUSED =
  ".ifndef __defer_resume\n"
  "\t.pushsection .text.__defer_resume,\"axG\",@progbits,"
  "__defer_resume,comdat\n"
  "\t.weak __defer_resume\n"
  "\t.hidden __defer_resume\n"
  "\t.type __defer_resume, @function\n"
  "\t.weak __libdefer_resume\n"
  "__defer_resume:\n"
  "\tmovq __libdefer_resume@GOTPCREL(%rip), %rax\n"
  "\ttestq %rax, %rax\n"
  "\tjz 1f\n"
  "\tjmp *%rax\n"
  "1:\tjmp _Unwind_Resume@PLT\n"
  "\t.size __defer_resume, .-__defer_resume\n"
  "\t.popsection\n"
  ".endif\n";

/* Gives the builtin _Unwind_Resume the stub's name.  */
static void
rename_resume (void)
{
  tree resume = builtin_decl_explicit (BUILT_IN_UNWIND_RESUME);
  if (resume && !strcmp (IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (resume)),
			 "_Unwind_Resume")) /* not SJLJ */
    symtab->change_decl_assembler_name (resume,
					get_identifier ("__defer_resume"));
}

void
route_resume_through_libdefer (void)
{
#ifdef __x86_64__ /* the stub's instructions (a native plugin) */
  static bool routed;
  if (routed || !flag_exceptions)
    return;
  routed = true;
  rename_resume ();
#endif
}

/* Under -flto the builtin is made again at link time, with its own name:
   rename it when the IPA passes start, in every partition.  Which units
   had defers is not known there; landing pads of the others resuming
   through the stub is right too.  */
void
route_resume_after_lto (void *, void *)
{
#ifdef __x86_64__
  rename_resume ();
#endif
}

/* PLUGIN_FINISH_UNIT: the code is output; the stub follows it if a call
   to it was output.  A unit whose landing pads all went away calls
   nothing, and does not get _Unwind_Resume as a dependency.  */
void
emit_resume_stub (void *, void *)
{
#ifdef __x86_64__
  tree id = maybe_get_identifier ("__defer_resume");
  if (!id || !TREE_SYMBOL_REFERENCED (id) || !asm_out_file)
    return;
  bool intel = ASSEMBLER_DIALECT == ASM_INTEL;
  if (intel)
    fputs ("\t.att_syntax prefix\n", asm_out_file);
  fputs (resume_stub, asm_out_file);
  if (intel)
    fputs ("\t.intel_syntax noprefix\n", asm_out_file);
#endif
}

} // namespace defer_gcc
