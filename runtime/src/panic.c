/* Go-style panics for C (<defer.h>, SEMANTICS.md section 6).

   A panic unwinds the thread with the system unwinder, as a forced unwind
   (_Unwind_ForcedUnwind, the mechanism of pthread_cancel): every frame on
   the way that the plugins compiled with a `defer` has a landing pad that
   runs its pending deferred blocks and resumes the unwinding.  Nothing is
   searched for first, so frames without landing pads are passed through.

   The stop function below sees every frame before it is unwound.  It
   notes the frame's stack pointer in the panic, where the frame's landing
   pad will run, so that defer_recover() can tell whether it is called by
   a deferred block that the panic is running (its caller runs at that
   stack pointer) or by one that runs on a normal return, without walking
   the stack.  Functions that call defer_recover () are never inlined, so
   each has a frame of its own.  After a recover, the recovering function's landing
   pad finishes its remaining deferred blocks and asks
   __libdefer_recovered () whether the panic was recovered in its frame;
   if so it returns normally, with defer_result, instead of resuming the
   unwinding.

   Panics raised while another one is unwinding stack up, newest first.
   A newer panic that reaches the frame running the older one's deferred
   blocks has escaped those blocks: the older one is then aborted
   (replaced), as in Go.  One _Unwind_Exception per thread serves all of
   them: which panic an unwinding belongs to is the thread's newest.  */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#include "defer-runtime.h"
#include "defer.h"
#include "unwind.h"

enum {
  TRACE_DEPTH = 64, /* frames of the panicking stack kept for the report */
};

struct panic {
  defer_panic_info info;
  char *owned_message;    /* formatted by defer_panicf, freed with us */
  struct panic *older;
  void *frame_sp;         /* the stack pointer of the frame being unwound */
  int recovered, aborted;
  void *recovered_sp;     /* the recovering function's stack pointer */
  int trace_len;
  int frames_seen;        /* the first two are libdefer's own */
  void *trace_sp;         /* the outermost frame traced so far */
  /* The stack it was raised on, innermost first, for the report.  */
  void *trace[TRACE_DEPTH];
};

struct thread_panics {
  struct panic *newest;
  struct panic *spare;    /* the last one freed, for the next panic */
  struct _Unwind_Exception exception;
};

static __attribute__ ((tls_model ("initial-exec"))) _Thread_local
struct thread_panics panics;

/* Frees a thread's spare panic when the thread exits.  */
static pthread_key_t spare_key;
static pthread_once_t spare_key_once = PTHREAD_ONCE_INIT;

static void
create_spare_key (void)
{
  if (pthread_key_create (&spare_key, free) != 0)
    abort ();
}

/* Keeps one panic per thread for the next, so that panicking does not
   allocate in steady state.  */
static void
free_panic (struct panic *p)
{
  free (p->owned_message);
  if (panics.spare)
    free (p);
  else
    {
      panics.spare = p;
      pthread_setspecific (spare_key, p);
    }
}

/* Drop the newest panic (recovered) and the aborted ones it replaced.  */
static void
pop_recovered (void)
{
  struct panic *p = panics.newest;
  panics.newest = p->older;
  free_panic (p);
  while (panics.newest && panics.newest->aborted)
    {
      struct panic *q = panics.newest;
      panics.newest = q->older;
      free_panic (q);
    }
}

static void
print_location (const defer_panic_info *i)
{
  fprintf (stderr, "\tat %s:%d", i->file ? i->file : "?", i->line);
  if (i->function)
    fprintf (stderr, " (%s)", i->function);
  fputc ('\n', stderr);
}

/* The report of a panic nobody recovered, then exit status 2.  */
__attribute__ ((noreturn)) static void
die_unrecovered (struct panic *p)
{
  /* Replaced panics first, oldest first, as Go prints them.  */
  struct panic *chain[64];
  int n = 0;
  for (struct panic *q = p; q && n < 64; q = q->older)
    chain[n++] = q;
  fflush (stdout);
  for (int k = n - 1; k > 0; k--)
    {
      fprintf (stderr, "panic: %s [replaced]\n", chain[k]->info.message);
      print_location (&chain[k]->info);
    }
  fprintf (stderr, "panic: %s\n", p->info.message);
  print_location (&p->info);
  fprintf (stderr, "\nthread %ld:\n", (long) gettid ());
  for (int k = 0; k < p->trace_len; k++)
    {
      Dl_info d;
      void *ip = p->trace[k];
      if (dladdr (ip, &d) && d.dli_sname)
	fprintf (stderr, "  %s+0x%lx (%s)\n", d.dli_sname,
		 (unsigned long) ((char *) ip - (char *) d.dli_saddr),
		 d.dli_fname);
      else if (dladdr (ip, &d) && d.dli_fname)
	fprintf (stderr, "  %p (%s+0x%lx)\n", ip, d.dli_fname,
		 (unsigned long) ((char *) ip - (char *) d.dli_fbase));
      else
	fprintf (stderr, "  %p\n", ip);
    }
  fflush (NULL);
  _exit (2);
}

/* A frame the panic reaches, before its landing pad runs.  SP is the
   frame's stack pointer at the call: its landing pad runs there, and the
   libdefer calls it makes come from there.  */
void
__libdefer_panic_frame (uintptr_t frame_sp, uintptr_t ip)
{
  struct panic *p = panics.newest;
  if (!p)
    abort (); /* an unwinding of ours with no panic: cannot happen */
  void *sp = (void *) frame_sp;

  /* An older panic whose deferred blocks raised this one is replaced
     once this one leaves them, reaching the frame that runs them.  */
  for (struct panic *q = p->older; q; q = q->older)
    if (!q->aborted && q->frame_sp
	&& (uintptr_t) sp >= (uintptr_t) q->frame_sp)
      q->aborted = 1;

  p->frame_sp = sp;
  /* A frame is seen again when its landing pad resumes the unwinding.  */
  if ((uintptr_t) sp > (uintptr_t) p->trace_sp)
    {
      if (p->frames_seen++ >= 2 && p->trace_len < TRACE_DEPTH)
	p->trace[p->trace_len++] = (void *) ip;
      p->trace_sp = sp;
    }
}

void
__libdefer_panic_end (void)
{
  die_unrecovered (panics.newest);
}

/* The stop function of the unwindings that libgcc does.  */
static _Unwind_Reason_Code
stop (int version, _Unwind_Action actions, _Unwind_Exception_Class cls,
      struct _Unwind_Exception *e, struct _Unwind_Context *ctx, void *arg)
{
  (void) version, (void) cls, (void) e, (void) arg;
  if (actions & _UA_END_OF_STACK)
    __libdefer_panic_end ();
  uintptr_t ip = _Unwind_GetIP (ctx);
#if LIBDEFER_FAST_UNWIND
  if (ip == (uintptr_t) __libdefer_uw_system_return)
    return _URC_NO_REASON; /* the frame the walker hands over from */
#endif
  /* _Unwind_GetCFA here is the CFA of the frame's callee (the context is
     updated after the stop function), that is the frame's stack pointer
     at the call.  */
  __libdefer_panic_frame (_Unwind_GetCFA (ctx), ip);
  return _URC_NO_REASON;
}

/* Whether libdefer walks the frames of the unwinding of E itself: E is
   the thread's panic and LIBDEFER_UNWIND is not "system" (which leaves
   every frame to libgcc, for comparison).  */
int
__libdefer_uw_owns (struct _Unwind_Exception *e)
{
#if LIBDEFER_FAST_UNWIND
  static atomic_int fast; /* 0: not read yet, 1: on, 2: off */
  int f = atomic_load_explicit (&fast, memory_order_relaxed);
  if (!f)
    {
      const char *v = getenv ("LIBDEFER_UNWIND");
      f = v && !strcmp (v, "system") ? 2 : 1;
      atomic_store_explicit (&fast, f, memory_order_relaxed);
    }
  return f == 1 && e == &panics.exception;
#else
  (void) e;
  return 0;
#endif
}

/* Unwinds the thread's panic from the caller's frame.  */
__attribute__ ((noreturn, always_inline)) static inline void
unwind_panic (void)
{
  struct _Unwind_Exception *e = &panics.exception;
#if LIBDEFER_FAST_UNWIND
  if (__libdefer_uw_owns (e))
    __libdefer_uw_start (e);
#endif
  _Unwind_ForcedUnwind (e, stop, NULL);
  /* Only if the unwinder could not start.  */
  die_unrecovered (panics.newest);
}

/* Not inlined: the report leaves out this frame and the public entry's.  */
__attribute__ ((noreturn, noinline)) static void
raise_panic (struct panic *p)
{
  p->older = panics.newest;
  panics.newest = p;
  struct _Unwind_Exception *e = &panics.exception;
  memset (e, 0, sizeof *e);
  e->exception_class = 0x4446525050414e43ULL; /* "DFRPPANC" */
  /* As _Unwind_ForcedUnwind sets them: libgcc's _Unwind_Resume goes on
     with the stop function from any landing pad.  */
  e->private_1 = (_Unwind_Word) (uintptr_t) stop;
  e->private_2 = 0;
#if LIBDEFER_FAST_UNWIND
  __libdefer_uw_begin ();
#endif
  unwind_panic ();
}

static struct panic *
new_panic (const char *message, void *data, const char *file, int line,
	   const char *function)
{
  struct panic *p = panics.spare;
  panics.spare = NULL;
  if (!p)
    {
      pthread_once (&spare_key_once, create_spare_key);
      p = malloc (sizeof *p);
      if (!p)
	abort ();
    }
  memset (p, 0, offsetof (struct panic, trace));
  p->info.message = message ? message : "(null)";
  p->info.data = data;
  p->info.file = file;
  p->info.line = line;
  p->info.function = function;
  return p;
}

void
__defer_panic (const char *message, void *data, const char *file, int line,
	       const char *function)
{
  raise_panic (new_panic (message, data, file, line, function));
}

void
__defer_panicf (const char *file, int line, const char *function,
		const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  char *text = NULL;
  if (vasprintf (&text, format, ap) < 0)
    text = NULL;
  va_end (ap);
  struct panic *p = new_panic (text ? text : format, NULL, file, line,
			       function);
  p->owned_message = text;
  raise_panic (p);
}

/* defer_recover() where the plugin did not rewrite it: outside deferred
   blocks, it never recovers.  */
const defer_panic_info *
__defer_recover (void)
{
  return NULL;
}

/* The stack pointer of the code that called the libdefer entry that uses
   this (x86-64: above the entry's saved frame pointer and return
   address).  No unwinder walk is needed.  */
#define CALLERS_SP() ((char *) __builtin_frame_address (0) + 16)

__attribute__ ((noinline)) const defer_panic_info *
__libdefer_recover (void)
{
  struct panic *p = panics.newest;
  if (!p || p->recovered || p->aborted)
    return NULL;
  void *sp = CALLERS_SP ();
  if (sp != p->frame_sp)
    return NULL; /* not a block the panic is running */
  p->recovered = 1;
  p->recovered_sp = sp;
  return &p->info;
}

__attribute__ ((noinline)) int
__libdefer_recovered (void)
{
  struct panic *p = panics.newest;
  if (!p || !p->recovered || CALLERS_SP () != p->recovered_sp)
    return 0;
  pop_recovered ();
  return 1;
}

__attribute__ ((noinline)) int
__libdefer_panicking (void)
{
  struct panic *p = panics.newest;
  return p && !p->recovered && CALLERS_SP () == p->frame_sp;
}

void
__libdefer_continue (void)
{
  struct panic *p = panics.newest;
  if (!p)
    {
      /* Only a panic is caught to be continued; anything else that left a
	 deferred block (pthread_exit, a C++ exception) is lost here.  */
      fputs ("defer: an exception other than a panic left a deferred block "
	     "while it ran\n", stderr);
      abort ();
    }
  unwind_panic ();
}

#if !LIBDEFER_FAST_UNWIND
void
__libdefer_resume (void *exception)
{
  _Unwind_Resume ((struct _Unwind_Exception *) exception);
  __builtin_unreachable ();
}
#endif
