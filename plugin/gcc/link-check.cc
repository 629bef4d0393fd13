// SPDX-License-Identifier: MIT
/* The reference that makes a link without libdefer name it
   (runtime/include/defer-abi.def, DEFER_ABI_LINK_CHECK).  */

#include "runtime-abi.h"

namespace defer_gcc {

/* Whether the assembly output refers to SYMBOL: assemble_name marks the
   names it writes.  */
static bool
output_refers_to (const char *symbol)
{
  tree id = maybe_get_identifier (symbol);
  return id && TREE_SYMBOL_REFERENCED (id);
}

/* Whether the unit's code refers to a function or variable of libdefer:
   calls the lowering made (records from the pool, recovers) or the
   program's own (defer_panic).  The resume stub's weak reference to
   __libdefer_resume is written as text, and is not one: code with
   open-coded defers only, and no panics, needs no libdefer.  */
static bool
uses_libdefer (void)
{
#define DEFER_ABI_REFERS(symbol)                                            \
  if (output_refers_to (#symbol))                                           \
    return true;
#define DEFER_ABI_TLS(name, symbol, type) DEFER_ABI_REFERS (symbol)
#define DEFER_ABI_ENTRY0(name, symbol, result, kind) DEFER_ABI_REFERS (symbol)
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                    \
  DEFER_ABI_REFERS (symbol)
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                \
  DEFER_ABI_REFERS (symbol)
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)        \
  DEFER_ABI_REFERS (symbol)
#define DEFER_ABI_API(symbol) DEFER_ABI_REFERS (symbol)
#include "abi-table.h"
#undef DEFER_ABI_REFERS
  return false;
}

/* PLUGIN_FINISH_UNIT: the code is output; if it uses libdefer, a section
   that is never loaded refers to the link check symbol.  Under -flto this
   runs in every link-time partition, with the partition's code.  */
void
emit_link_check (void *, void *)
{
#ifdef __x86_64__ /* the syntax of the section's type */
  if (!asm_out_file || !uses_libdefer ())
    return;
#define DEFER_ABI_LINK_CHECK(symbol, section)                               \
  fputs ("\t.pushsection " section ",\"\",@progbits\n"                      \
	 "\t.quad " #symbol "\n"                                            \
	 "\t.popsection\n", asm_out_file);
#include "abi-table.h"
#endif
}

} // namespace defer_gcc
