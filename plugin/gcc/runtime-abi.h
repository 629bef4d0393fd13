/* SPDX-License-Identifier: MIT */
/* The types and entry points of libdefer's interface, built as GCC trees
   from its one description, runtime/include/defer-abi.def, which
   <defer-runtime.h> declares in C: every struct, field, thread-local and
   entry by the name the table gives it (abi.frame_mark_cur,
   abi.alloc_fn, ...).  */

#ifndef DEFER_RUNTIME_ABI_H
#define DEFER_RUNTIME_ABI_H

#include "defer-gcc.h"

namespace defer_gcc {

struct runtime_abi
{
#define DEFER_ABI_STRUCT(name, tag) tree name##_type;
#define DEFER_ABI_FIELD(name, field, type) tree name##_##field;
#define DEFER_ABI_TLS(name, symbol, type) tree name;
#define DEFER_ABI_ENTRY0(name, symbol, result, kind) tree name##_fn;
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1) tree name##_fn;
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2) tree name##_fn;
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)        \
  tree name##_fn;
#include "abi-table.h"
};

/* Built on first use in a translation unit; kept as GC roots.  */
const runtime_abi &get_runtime_abi (void);

/* resume-stub.cc.  Makes the unit's landing pads resume a panic through
   libdefer's frame walker when the program links libdefer; once per unit,
   at its first function with defers.  */
void route_resume_through_libdefer (void);
/* The same at link time under -flto (PLUGIN_ALL_IPA_PASSES_START).  */
void route_resume_after_lto (void *, void *);
/* Writes the stub those landing pads call into the assembly file that
   calls it (PLUGIN_FINISH_UNIT).  */
void emit_resume_stub (void *, void *);

/* link-check.cc.  Makes the assembly file refer to libdefer's link check
   symbol if its code uses libdefer (PLUGIN_FINISH_UNIT).  */
void emit_link_check (void *, void *);

/* A site's record: the fields of struct __defer_record followed by one
   field per copied variable, so small copies fill the header's tail
   padding:  struct { struct __defer_record *next; unsigned site; <copies> }.
   WITH_SITE false leaves out `site` (a function with one site does not
   dispatch); with at least one copy the record still covers a whole
   header, as the pointer's alignment rounds it up.  The header fields are
   only ever accessed through a struct __defer_record pointer, which keeps
   the accesses of the record list and of the copies apart for alias
   analysis.  FIELDS gets the copy fields, in order.  Without HEADER,
   the copies alone: a record on the stack of records_stack (plan.h).  */
tree build_site_record (const char *name, const std::vector<tree> &copies,
			bool with_site, std::vector<tree> *fields,
			bool header = true);

/* union NAME { <TYPES[0]> r0; <TYPES[1]> r1; ... }: one element of an array
   holding the records of several sites.  MEMBERS gets its fields.  */
tree build_record_union (const char *name, const std::vector<tree> &types,
			 std::vector<tree> *members);

} // namespace defer_gcc

#endif
