/* The types and entry points of <defer-runtime.h>, built as GCC trees.
   The field order and types must match that header; a test in
   test/runtime checks the layout on the C side.  */

#ifndef DEFER_RUNTIME_ABI_H
#define DEFER_RUNTIME_ABI_H

#include "defer-gcc.h"

struct runtime_abi
{
  tree record_type;		/* struct __defer_record */
  tree record_next, record_site;
  tree frame_type;		/* struct __defer_frame */
  tree frame_top, frame_mark_cur;
  tree cursor;			/* the TLS __libdefer_pool */
  tree cursor_cur, cursor_end;
  tree alloc_fn;		/* __libdefer_alloc */
  tree reserve_fn;		/* __libdefer_reserve */
  tree release_fn;		/* __libdefer_release */
  tree recover_fn;		/* __libdefer_recover */
  tree recovered_fn;		/* __libdefer_recovered */
  tree continue_fn;		/* __libdefer_continue */
  tree resume_fn;		/* __libdefer_resume */
};

/* __DEFER_POOL_ALIGN: pool storage comes in multiples of it.  */
constexpr unsigned pool_align = 8;

/* Built on first use in a translation unit; kept as GC roots.  */
const runtime_abi &get_runtime_abi (void);

/* Makes the unit's landing pads resume a panic through libdefer's frame
   walker when the program links libdefer; once per unit, at its first
   function with defers.  */
void route_resume_through_libdefer (void);
/* The same at link time under -flto (PLUGIN_ALL_IPA_PASSES_START).  */
void route_resume_after_lto (void *, void *);
/* Writes the stub those landing pads call into the assembly file that
   calls it (PLUGIN_FINISH_UNIT).  */
void emit_resume_stub (void *, void *);

/* A site's record: the fields of struct __defer_record followed by one
   field per copied variable, so small copies fill the header's tail
   padding:  struct { struct __defer_record *next; unsigned site; <copies> }.
   WITH_SITE false leaves out `site` (a function with one site does not
   dispatch); with at least one copy the record still covers a whole
   header, as the pointer's alignment rounds it up.  The header fields
   are only ever accessed through a struct __defer_record pointer, which keeps the accesses of the record
   list and of the copies apart for alias analysis.  FIELDS gets the copy
   fields, in order.  */
tree build_site_record (const char *name, const std::vector<tree> &copies,
			bool with_site, std::vector<tree> *fields);

/* union NAME { <TYPES[0]> r0; <TYPES[1]> r1; ... }: one element of an array
   holding the records of several sites.  MEMBERS gets its fields.  */
tree build_record_union (const char *name, const std::vector<tree> &types,
			 std::vector<tree> *members);

#endif
