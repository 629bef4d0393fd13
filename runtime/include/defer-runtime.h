/* SPDX-License-Identifier: MIT */
/* The interface between code that the defer plugins generate and
   libdefer, declared from its one description, defer-abi.def, which the
   plugins read too.  Programs do not include this header.

   A function lowered with run-time records keeps one struct __defer_frame
   on its stack where libdefer needs it.  Each execution of a `defer`
   pushes a record: the variables the deferred block copies, after a
   struct __defer_record header in a list, or alone (with a site number
   after them) on the stack a function with pooled records keeps in its
   buffer and in the blocks __libdefer_reserve hands it.  At every exit
   the function pops them, newest first, and runs the matching deferred
   blocks, which stay compiled inside the function.

   A record lives in the function's own frame when the compiler can bound
   how many a site makes; otherwise its storage comes from
   __libdefer_alloc, a per-thread stack of chunks: records are freed in
   the order they were made, so releasing a frame's records is resetting
   a pointer.  */

#ifndef DEFER_RUNTIME_H
#define DEFER_RUNTIME_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct __defer_record;
struct __defer_frame;
struct defer_panic_info;

#define DEFER_ABI_C_void void
#define DEFER_ABI_C_int int
#define DEFER_ABI_C_unsigned unsigned
#define DEFER_ABI_C_size size_t
#define DEFER_ABI_C_char_ptr char *
#define DEFER_ABI_C_void_ptr void *
#define DEFER_ABI_C_record_ptr struct __defer_record *
#define DEFER_ABI_C_frame_ptr struct __defer_frame *
#define DEFER_ABI_C_cursor struct __defer_pool_cursor
#define DEFER_ABI_C_block struct __defer_block
#define DEFER_ABI_C_panic_info_ptr const struct defer_panic_info *
#define DEFER_ABI_C(type) DEFER_ABI_C_##type

#define DEFER_ABI_ATTRS_plain \
  __attribute__ ((__visibility__ ("default"), __nothrow__))
#define DEFER_ABI_ATTRS_unwinds \
  __attribute__ ((__visibility__ ("default"), __noreturn__))

#define DEFER_ABI_CONSTANT(name, value) enum { __defer_abi_##name = value };
#define DEFER_ABI_STRUCT(name, tag) struct tag {
#define DEFER_ABI_FIELD(name, field, type) DEFER_ABI_C (type) field;
#define DEFER_ABI_END(name) };
#define DEFER_ABI_TLS(name, symbol, type)                                     \
  __attribute__ ((__visibility__ ("default"), __tls_model__ ("initial-exec"))) \
  extern _Thread_local DEFER_ABI_C (type) symbol;
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)                          \
  DEFER_ABI_ATTRS_##kind DEFER_ABI_C (result) symbol (void);
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                      \
  DEFER_ABI_ATTRS_##kind DEFER_ABI_C (result) symbol (DEFER_ABI_C (p1));
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                  \
  DEFER_ABI_ATTRS_##kind DEFER_ABI_C (result)                                 \
  symbol (DEFER_ABI_C (p1), DEFER_ABI_C (p2));
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)          \
  DEFER_ABI_ATTRS_##kind DEFER_ABI_C (result)                                 \
  symbol (DEFER_ABI_C (p1), DEFER_ABI_C (p2), DEFER_ABI_C (p3),               \
	  DEFER_ABI_C (p4));
/* <defer.h> declares these.  */
#define DEFER_ABI_API(symbol)
#define DEFER_ABI_LINK_CHECK(symbol, section)                                 \
  __attribute__ ((__visibility__ ("default"))) extern const char symbol[];
#include "defer-abi.def"
#include "defer-abi-undef.h"

#define __DEFER_POOL_ALIGN __defer_abi_pool_align

/* What the entries do:

   __libdefer_alloc (frame, size)
     Storage for one record of SIZE bytes (a multiple of
     __DEFER_POOL_ALIGN) from the calling thread's pool; valid until
     __libdefer_release (FRAME).  Takes FRAME's mark on its first call.
   __libdefer_reserve (frame, size)
     Like __libdefer_alloc, but also reserve a block after the record for
     FRAME's next records, which generated code bumps out of it without a
     call: the block ends at __libdefer_pool.cur on return.  Blocks grow
     from call to call.  Other functions' records go above the block, so
     no write-back of the bump is needed.
   __libdefer_grow (frame, base, cur, size)
     A new block of FRAME's stack of records, which stands at CUR in the
     block whose records start at BASE: __libdefer_reserve (FRAME, SIZE),
     SIZE counting the new block's link, two pointers rounded up to
     __DEFER_POOL_ALIGN that keep CUR and then BASE just below the new
     base.  Returns that base and the end of the block.  FRAME's
     mark_cur must be null before its first block.
   __libdefer_release (frame)
     Give back the pool storage of FRAME's records, and of any frame that
     a longjmp abandoned since.  Called only when frame->mark_cur is set.
   __libdefer_recover ()
     defer_recover () in a deferred block, as the plugins rewrite it: the
     panic if the block runs because a panic unwinds the calling
     function, which then stops the panic; null otherwise.
   __libdefer_recovered ()
     Whether a deferred block of the calling function stopped the panic
     that unwinds it; its unwinding path then returns normally.
   __libdefer_panicking ()
     Whether the calling function's unwinding path runs because a panic
     (not another exception) unwinds it.
   __libdefer_continue ()
     Go on unwinding for the thread's newest panic, after a deferred block
     that panicked was caught to let the function's older blocks run.
   __libdefer_resume (exception)
     _Unwind_Resume (EXCEPTION) from a catch-all that only cleans up: an
     ordinary call that unwinds, which GCC's own resume is not to its
     analyses (they would take the function for one that cannot throw).
   __libdefer_pool
     The free space of the calling thread's current chunk.  After
     __libdefer_reserve, cur is the end of the block it handed out.
   __libdefer_link_with_ldefer
     Never used: objects that use libdefer refer to it from a section that
     is not loaded, so that a link without libdefer names it
     (defer-abi.def).  */

#ifdef __cplusplus
}
#endif

#endif
