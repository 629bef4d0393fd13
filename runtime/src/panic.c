/* SPDX-License-Identifier: MIT */
/* Go-style panics for C (<defer.h>, docs/REFERENCE.md, "Panics and recover").

   A panic unwinds the thread with the system unwinder, as a forced unwind
   (_Unwind_ForcedUnwind, the mechanism of pthread_cancel): every frame on
   the way that the plugins compiled with a `defer` has a landing pad that
   runs its pending deferred blocks and resumes the unwinding.  Nothing is
   searched for first, so frames without landing pads are passed through.

   The stop function below (and libdefer's own frame walker) sees every
   frame before it is unwound.  It notes the frame's canonical frame
   address (CFA) in the panic, so that defer_recover() can tell whether it
   is called by a deferred block that the panic is running (its caller is
   that frame) or by one that runs on a normal return, without walking
   the stack.  A frame is told by its CFA, the stack pointer before the
   call that made it, because that is the same everywhere in the
   function: not so its stack pointer, which arguments pushed for a call,
   alloca, VLAs and the landing pad's own adjustments move.  Functions
   that call defer_recover () are never inlined, so each has a frame of
   its own.  After a recover, the recovering function's landing pad
   finishes its remaining deferred blocks and asks __libdefer_recovered ()
   whether the panic was recovered in its frame; if so it returns
   normally, with defer_result, instead of resuming the unwinding.

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
  uintptr_t frame_cfa;    /* the CFA of the frame being unwound */
  int recovered, aborted;
  uintptr_t recovered_cfa; /* the CFA of the recovering function */
  int trace_len;
  int frames_seen;        /* the first two are libdefer's own */
  uintptr_t trace_cfa;    /* the outermost frame traced so far */
  /* The stack it was raised on, innermost first, for the report.  */
  void *trace[TRACE_DEPTH];
};

struct thread_panics {
  struct panic *newest;
  struct panic *spare;    /* the last one freed, for the next panic */
  struct _Unwind_Exception exception;
#if LIBDEFER_FAST_UNWIND
  /* The rule of the return address a libdefer entry was last called
     from: the landing pads of a recursion call from the same place, frame
     after frame.  */
  struct uw_rule caller_rule;
#endif
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

/* A frame the panic reaches, before its landing pad runs: its CFA and
   its return address IP.  The libdefer calls its landing pad makes come
   from the frame with that CFA.  */
void
__libdefer_panic_frame (uintptr_t cfa, uintptr_t ip)
{
  struct panic *p = panics.newest;
  if (!p)
    abort (); /* an unwinding of ours with no panic: cannot happen */

  /* An older panic whose deferred blocks raised this one is replaced
     once this one leaves them, reaching the frame that runs them.  */
  for (struct panic *q = p->older; q; q = q->older)
    if (!q->aborted && q->frame_cfa && cfa >= q->frame_cfa)
      q->aborted = 1;

  p->frame_cfa = cfa;
  /* A frame is seen again when its landing pad resumes the unwinding.  */
  if (cfa > p->trace_cfa)
    {
      if (p->frames_seen++ >= 2 && p->trace_len < TRACE_DEPTH)
	p->trace[p->trace_len++] = (void *) ip;
      p->trace_cfa = cfa;
    }
}

void
__libdefer_panic_end (void)
{
  die_unrecovered (panics.newest);
}

/* The CFA of the frame of CTX, at IP.  libgcc's context holds the CFA of
   the frame's callee, that is the frame's stack pointer at the call: the
   frame's own follows from the rules of IP.  A frame whose rules do not
   give it (a frame a signal interrupted, or one libdefer cannot decode)
   is told by that stack pointer, as caller_cfa() tells it: it still
   orders the frame among the others.  */
static uintptr_t
context_cfa (struct _Unwind_Context *ctx, uintptr_t ip)
{
  uintptr_t sp = _Unwind_GetCFA (ctx);
#if LIBDEFER_FAST_UNWIND
  int before_ip;
  _Unwind_GetIPInfo (ctx, &before_ip);
  if (!before_ip)
    {
      struct uw_rule rule;
      __libdefer_uw_rule (ip, &rule);
      uintptr_t cfa = uw_frame_cfa (&rule, sp, _Unwind_GetGR (ctx, 6));
      if (cfa)
	return cfa;
    }
#else
  (void) ip;
#endif
  return sp;
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
  __libdefer_panic_frame (context_cfa (ctx, ip), ip);
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

/* Where the function that called a libdefer entry was at the call, as
   the entry finds it in its own frame (x86-64: the frame holds the
   caller's frame pointer, then the return address, above which is the
   caller's stack pointer): the arguments SP, RBP and IP of caller_cfa().
   The entries take their frame only while a panic runs, and pass this
   along by value.  */
#define CALLER                                                                \
  (uintptr_t) __builtin_frame_address (0) + 16,                               \
    *(uintptr_t *) __builtin_frame_address (0),                               \
    (uintptr_t) __builtin_return_address (0)

/* The CFA of the caller that called from IP at stack pointer SP with
   frame pointer RBP, from the rules of IP, as context_cfa() finds it for
   the same frame.  No unwinder walk is needed.  */
static uintptr_t
caller_cfa (uintptr_t sp, uintptr_t rbp, uintptr_t ip)
{
#if LIBDEFER_FAST_UNWIND
  struct uw_rule *rule = &panics.caller_rule;
  uw_rule_kept (ip, rule);
  uintptr_t cfa = uw_frame_cfa (rule, sp, rbp);
  if (cfa)
    return cfa;
#else
  (void) rbp, (void) ip;
#endif
  return sp;
}

__attribute__ ((noinline)) static const defer_panic_info *
recover_for (struct panic *p, uintptr_t sp, uintptr_t rbp, uintptr_t ip)
{
  uintptr_t cfa = caller_cfa (sp, rbp, ip);
  if (cfa != p->frame_cfa)
    return NULL; /* not a block the panic is running */
  p->recovered = 1;
  p->recovered_cfa = cfa;
  return &p->info;
}

__attribute__ ((noinline)) const defer_panic_info *
__libdefer_recover (void)
{
  struct panic *p = panics.newest;
  if (!p || p->recovered || p->aborted)
    return NULL;
  return recover_for (p, CALLER);
}

__attribute__ ((noinline)) static int
recovered_for (struct panic *p, uintptr_t sp, uintptr_t rbp, uintptr_t ip)
{
  if (caller_cfa (sp, rbp, ip) != p->recovered_cfa)
    return 0;
  pop_recovered ();
  return 1;
}

__attribute__ ((noinline)) int
__libdefer_recovered (void)
{
  struct panic *p = panics.newest;
  if (!p || !p->recovered)
    return 0;
  return recovered_for (p, CALLER);
}

__attribute__ ((noinline)) static int
panicking_for (struct panic *p, uintptr_t sp, uintptr_t rbp, uintptr_t ip)
{
  return caller_cfa (sp, rbp, ip) == p->frame_cfa;
}

__attribute__ ((noinline)) int
__libdefer_panicking (void)
{
  struct panic *p = panics.newest;
  if (!p || p->recovered)
    return 0;
  return panicking_for (p, CALLER);
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
