/* SPDX-License-Identifier: MIT */
/* The per-thread record pool of libdefer (see <defer-runtime.h>).

   Each thread owns a stack of chunks.  A function's pooled records are
   allocated by bumping a pointer, and all of them are released together
   when the function returns, by resetting the pointer to where it was
   before the first of them: the "mark" kept in the function's frame.
   Functions nest, so their marks nest too; the frames holding a mark form
   a list, newest first.

   A longjmp out of a function skips its release.  Such an abandoned frame
   is noticed later: its mark cannot still be live when a call made from
   the same or a shallower stack position takes a mark, so those stale
   marks are unwound then and their records reclaimed.  This relies on
   each marking function having a stack frame of its own, which the
   plugins guarantee (they do not let such functions be inlined), and on
   a function taking its mark before it lowers its stack pointer with a
   VLA or alloca (the plugins make those mark on entry).  Stack positions,
   not frame objects' addresses, are compared: a frame object's place in
   its stack frame says nothing about depth.  A function that a
   longjmp re-enters (it called setjmp) notices them too when it allocates
   again: while it runs, every mark newer than its own is stale.  Memory
   therefore stays bounded however often functions are abandoned.

   An abandoned frame is dead stack memory that later calls overwrite, so
   the list of marks cannot be linked through the frames: each mark is
   also recorded in the pool, just above the position it saves, and the
   frame's address is kept there only to be compared.

   No locks: everything is thread-local.  Spare chunks beyond a small
   reserve are freed when released, and a thread's chunks are freed when
   it exits.  */

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "defer-runtime.h"

enum {
  CHUNK_SIZE = 64 * 1024,
  RECORD_ALIGN = __DEFER_POOL_ALIGN,
  SPARE_CHUNKS = 2, /* kept after a release, to avoid malloc churn */
  /* __libdefer_reserve hands out blocks that double from the first to
     the last size, so a frame calls it O(log n) times for n records
     while wasting at most about half of what it uses once past its
     first block.  The first is four times the plugins' 256-byte frame
     buffer: each block costs a call and a link, and a frame that
     outgrows its buffer is likely to go on.  */
  FIRST_BLOCK = 1024,
  LAST_BLOCK = CHUNK_SIZE / 4,
};

struct chunk {
  struct chunk *prev, *next;
  char *end;
  _Alignas (RECORD_ALIGN) char data[];
};

/* A frame's mark as the pool keeps it, in the pool's own storage: it goes
   when the pool is rewound past it.  */
struct mark {
  struct mark *older;            /* the mark taken before this one */
  struct __defer_frame *frame;   /* its frame: an address to compare */
  void *stack;                   /* stack position of the marking call */
  struct chunk *chunk;           /* the pool position before the mark */
  char *cur;
  size_t block;                  /* extra bytes of the next reservation */
};

/* Marks are bumped like records, in multiples of RECORD_ALIGN.  */
#define MARK_SIZE \
  ((sizeof (struct mark) + RECORD_ALIGN - 1) & ~(size_t) (RECORD_ALIGN - 1))

/* The pool's cursor is __libdefer_pool, which generated code reads after
   __libdefer_reserve; the rest is private.  */
__attribute__ ((tls_model ("initial-exec")))
_Thread_local struct __defer_pool_cursor __libdefer_pool;

struct pool {
  struct chunk *chunk;           /* current chunk, or null */
  struct mark *marked;           /* newest mark, or null */
};

/* initial-exec: libdefer is linked, not dlopened, and the pool is small;
   this keeps __tls_get_addr off the allocation path.  */
static _Thread_local struct pool pool __attribute__ ((tls_model ("initial-exec")));

static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void
free_chunks_after (struct chunk *c)
{
  struct chunk *next = c->next;
  c->next = NULL;
  while (next)
    {
      struct chunk *n = next->next;
      free (next);
      next = n;
    }
}

/* At thread exit: the whole pool goes.  */
static void
free_pool (void *unused)
{
  (void) unused;
  struct chunk *c = pool.chunk;
  if (!c)
    return;
  while (c->prev)
    c = c->prev;
  free_chunks_after (c);
  free (c);
  pool = (struct pool){0};
  __libdefer_pool = (struct __defer_pool_cursor){0};
}

static void
make_exit_key (void)
{
  if (pthread_key_create (&exit_key, free_pool) != 0)
    abort ();
}

/* The main thread does not run key destructors when the process exits.  */
__attribute__ ((destructor)) static void
free_main_thread_pool (void)
{
  free_pool (NULL);
}

static struct chunk *
new_chunk (size_t need)
{
  size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
  struct chunk *c = malloc (sizeof *c + size);
  if (!c)
    abort (); /* a deferred call cannot be dropped silently */
  c->prev = c->next = NULL;
  c->end = c->data + size;
  return c;
}

/* Make the current chunk one with NEED free bytes.  */
static void
advance (size_t need)
{
  struct chunk *c = pool.chunk;
  struct chunk *next = c ? c->next : NULL;
  if (next && (size_t) (next->end - next->data) < need)
    {
      free_chunks_after (c);
      next = NULL;
    }
  if (!next)
    {
      next = new_chunk (need);
      next->prev = c;
      if (c)
	c->next = next;
      else
	{
	  pthread_once (&exit_key_once, make_exit_key);
	  pthread_setspecific (exit_key, &pool);
	}
    }
  pool.chunk = next;
  __libdefer_pool.cur = next->data;
  __libdefer_pool.end = next->end;
}

/* Take SIZE bytes (a multiple of RECORD_ALIGN) from the pool.  */
static inline void *
bump (size_t size)
{
  if ((size_t) (__libdefer_pool.end - __libdefer_pool.cur) < size)
    advance (size);
  void *p = __libdefer_pool.cur;
  __libdefer_pool.cur += size;
  return p;
}

/* Give back everything allocated since the position (C, CUR).  */
static void
rewind_to (struct chunk *c, char *cur)
{
  pool.chunk = c;
  __libdefer_pool.cur = cur;
  __libdefer_pool.end = c->end;
  /* Keep a few spare chunks after the current one, free the rest.  */
  struct chunk *keep = c;
  for (int i = 0; i < SPARE_CHUNKS && keep->next; i++)
    keep = keep->next;
  free_chunks_after (keep);
}

/* Drop the marks newer than STOP (all of them if STOP is null) and give
   back their storage: everything since the oldest of them.  */
static void
unwind_marks (struct mark *stop)
{
  struct mark *last = NULL;
  for (struct mark *m = pool.marked; m != stop; m = m->older)
    last = m;
  if (!last)
    return;
  /* LAST lives in the storage given back: read it first.  */
  struct chunk *c = last->chunk;
  char *cur = last->cur;
  pool.marked = stop;
  rewind_to (c, cur);
}

/* The mark of F, or null.  */
static struct mark *
find_mark (struct __defer_frame *f)
{
  struct mark *m = pool.marked;
  while (m && m->frame != f)
    m = m->older;
  return m;
}

/* Unwind the marks of frames that a longjmp abandoned: a mark taken from
   the same stack position as STACK, where a new mark is being taken, or a
   deeper one, cannot still be live.  */
static void
reclaim_abandoned (void *stack)
{
  struct mark *m = pool.marked;
  while (m && (uintptr_t) m->stack <= (uintptr_t) stack)
    m = m->older;
  unwind_marks (m);
}

static void
take_mark (struct __defer_frame *f, void *stack)
{
  reclaim_abandoned (stack);
  if (!pool.chunk)
    advance (0);
  struct chunk *c = pool.chunk;
  char *cur = __libdefer_pool.cur;
  struct mark *m = bump (MARK_SIZE);
  m->older = pool.marked;
  m->frame = f;
  m->stack = stack;
  m->chunk = c;
  m->cur = cur;
  m->block = FIRST_BLOCK;
  pool.marked = m;
  f->older = m->older ? m->older->frame : NULL;
  f->mark_chunk = c;
  f->mark_cur = cur;
}

/* What alloc does before its first allocation in F, or when F runs
   again after a longjmp: out of line, so that the common case saves no
   registers for it.  */
__attribute__ ((noinline)) static void
mark_frame (struct __defer_frame *f, void *stack)
{
  if (!f->mark_cur)
    take_mark (f, stack);
  else
    {
      /* F holds a mark and is running again, so the frames that took
	 marks after it are gone: a longjmp abandoned them and came back
	 into F.  Their storage goes before F's next record, which must not
	 be left above it, where their reclaiming would take it too.  */
      struct mark *own = find_mark (f);
      if (own)
	unwind_marks (own);
    }
}

/* __libdefer_alloc, in both entry points without a call between them:
   STACK is the entry point's own frame, the same for every call made
   from one stack position.  */
__attribute__ ((always_inline)) static inline void *
alloc (struct __defer_frame *f, size_t size, void *stack)
{
  size = (size + RECORD_ALIGN - 1) & ~(size_t) (RECORD_ALIGN - 1);
  if (__builtin_expect (!f->mark_cur || !pool.marked
			|| pool.marked->frame != f, 0))
    mark_frame (f, stack);
  return bump (size);
}

void *
__libdefer_alloc (struct __defer_frame *f, size_t size)
{
  return alloc (f, size, __builtin_frame_address (0));
}

void
__libdefer_release (struct __defer_frame *f)
{
  /* Marks newer than F's belong to frames a longjmp abandoned.  */
  struct mark *own = find_mark (f);
  pool.marked = own ? own->older : NULL;
  rewind_to (f->mark_chunk, f->mark_cur);
  f->mark_cur = NULL;
}

/* SIZE bytes and the frame's next block beyond them; the block may end
   short of the chunk's end, never beyond it.  */
static inline void *
take_block (struct mark *m, size_t size)
{
  char *p = __libdefer_pool.cur;
  size_t room = (size_t) (__libdefer_pool.end - p) - size;
  size_t extra = m->block < room ? m->block : room;
  __libdefer_pool.cur = p + size + extra;
  if (m->block < LAST_BLOCK)
    m->block *= 2;
  return p;
}

/* __libdefer_reserve when F has no mark yet, is running again after a
   longjmp, or the chunk is full.  */
__attribute__ ((noinline)) static void *
reserve_slow (struct __defer_frame *f, size_t size, void *stack)
{
  void *p = alloc (f, size, stack);
  struct mark *m = pool.marked;
  if (!m || m->frame != f)
    return p; /* F's mark went with a longjmp: records one by one */
  __libdefer_pool.cur = p;
  return take_block (m, (size + RECORD_ALIGN - 1)
			& ~(size_t) (RECORD_ALIGN - 1));
}

/* The common case inline and without a call: F's mark is the newest and
   the chunk has room.  */
static inline void *
reserve (struct __defer_frame *f, size_t size, void *stack)
{
  size_t need = (size + RECORD_ALIGN - 1) & ~(size_t) (RECORD_ALIGN - 1);
  struct mark *m = pool.marked;
  if (__builtin_expect (f->mark_cur && m && m->frame == f
			&& (size_t) (__libdefer_pool.end
				     - __libdefer_pool.cur) >= need, 1))
    return take_block (m, need);
  return reserve_slow (f, size, stack);
}

void *
__libdefer_reserve (struct __defer_frame *f, size_t size)
{
  return reserve (f, size, __builtin_frame_address (0));
}

/* The link below a stack block's base: the previous block's cursor and
   base, two pointers rounded up as records are (the plugins' stack_link).  */
#define STACK_LINK \
  ((2 * sizeof (char *) + RECORD_ALIGN - 1) & ~(size_t) (RECORD_ALIGN - 1))

struct __defer_block
__libdefer_grow (struct __defer_frame *f, char *base, char *cur, size_t size)
{
  char *raw = reserve (f, size, __builtin_frame_address (0));
  char *start = raw + STACK_LINK;
  ((char **) start)[-1] = base;
  ((char **) start)[-2] = cur;
  return (struct __defer_block){start, __libdefer_pool.cur};
}
