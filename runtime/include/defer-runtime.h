/* The interface between code that the defer plugins generate and
   libdefer.  Programs do not include this header; the plugins build the
   same types themselves, so any change here must be made in
   plugin/gcc/runtime-abi.cc (and the Clang plugin) as well.

   A function lowered with run-time records keeps one struct __defer_frame
   on its stack.  Each execution of a `defer` pushes a record: a
   struct __defer_record header followed by the variables the deferred
   block copies (SEMANTICS.md section 3).  The records form a list, newest
   first, from frame.top; at every exit the function pops them and runs the
   matching deferred blocks, which stay compiled inside the function.

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

struct __defer_record {
  struct __defer_record *next; /* the record pushed before this one */
  unsigned site;               /* which `defer` of the function */
};

struct __defer_frame {
  struct __defer_record *top;        /* newest pending record */
  struct __defer_frame *older;       /* frame with pooled records below */
  void *mark_chunk;                  /* pool position before the first */
  char *mark_cur;                    /*   pooled record; null if none */
};

/* Pool storage comes in multiples of this, aligned to it; the plugins
   over-allocate and align records that need more.  */
#define __DEFER_POOL_ALIGN 8

/* The free space of the calling thread's current chunk.  After
   __libdefer_reserve, cur is the end of the block it handed out.  */
struct __defer_pool_cursor {
  char *cur, *end;
};

__attribute__ ((__visibility__ ("default"), __tls_model__ ("initial-exec")))
extern _Thread_local struct __defer_pool_cursor __libdefer_pool;

/* Storage for one record of SIZE bytes (a multiple of __DEFER_POOL_ALIGN)
   from the calling thread's pool; valid until __libdefer_release (FRAME).
   Takes FRAME's mark on its first call.  */
__attribute__ ((__visibility__ ("default")))
void *__libdefer_alloc (struct __defer_frame *frame, size_t size);

/* Like __libdefer_alloc, but also reserve a block after the record for
   FRAME's next records, which generated code bumps out of it without a
   call: the block ends at __libdefer_pool.cur on return.  Blocks grow
   from call to call.  Other functions' records go above the block, so
   no write-back of the bump is needed.  */
__attribute__ ((__visibility__ ("default")))
void *__libdefer_reserve (struct __defer_frame *frame, size_t size);

/* defer_recover () in a deferred block, as the plugins rewrite it: the
   panic if the block runs because a panic unwinds the calling function,
   which then stops the panic; null otherwise.  */
struct defer_panic_info;
__attribute__ ((__visibility__ ("default"), __nothrow__))
const struct defer_panic_info *__libdefer_recover (void);

/* Whether a deferred block of the calling function stopped the panic
   that unwinds it; its unwinding path then returns normally.  */
__attribute__ ((__visibility__ ("default"), __nothrow__))
int __libdefer_recovered (void);

/* Whether the calling function's unwinding path runs because a panic
   (not another exception) unwinds it.  */
__attribute__ ((__visibility__ ("default"), __nothrow__))
int __libdefer_panicking (void);

/* Go on unwinding for the thread's newest panic, after a deferred block
   that panicked was caught to let the function's older blocks run.  */
__attribute__ ((__visibility__ ("default"), __noreturn__))
void __libdefer_continue (void);

/* _Unwind_Resume (EXCEPTION) from a catch-all that only cleans up: an
   ordinary call that unwinds, which GCC's own resume is not to its
   analyses (they would take the function for one that cannot throw).  */
__attribute__ ((__visibility__ ("default"), __noreturn__))
void __libdefer_resume (void *exception);

/* Give back the pool storage of FRAME's records, and of any frame that a
   longjmp abandoned since.  Called only when frame->mark_cur is set.  */
__attribute__ ((__visibility__ ("default")))
void __libdefer_release (struct __defer_frame *frame);

#ifdef __cplusplus
}
#endif

#endif
