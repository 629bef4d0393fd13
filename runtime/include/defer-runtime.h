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

/* Storage for one record of SIZE bytes, aligned for any type, from the
   calling thread's pool; valid until __libdefer_release (FRAME).  */
__attribute__ ((__visibility__ ("default")))
void *__libdefer_alloc (struct __defer_frame *frame, size_t size);

/* Give back the pool storage of FRAME's records, and of any frame that a
   longjmp abandoned since.  Called only when frame->mark_cur is set.  */
__attribute__ ((__visibility__ ("default")))
void __libdefer_release (struct __defer_frame *frame);

#ifdef __cplusplus
}
#endif

#endif
