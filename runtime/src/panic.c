/* Go-style panics for C (<defer.h>, SEMANTICS.md section 6).

   A panic unwinds the thread with the system unwinder, as a forced unwind
   (_Unwind_ForcedUnwind, the mechanism of pthread_cancel): every frame on
   the way that the plugins compiled with a `defer` has a landing pad that
   runs its pending deferred blocks and resumes the unwinding.  Nothing is
   searched for first, so frames without landing pads are passed through.

   The stop function below sees every frame before it is unwound.  It
   notes the frame's canonical frame address (CFA) in the panic, so that
   defer_recover() can tell whether it is called by a deferred block that
   the panic is running (its caller is that frame) or by one that runs on
   a normal return.  After a recover, the recovering function's landing
   pad finishes its remaining deferred blocks and resumes the unwinding;
   the stop function, called for the caller's frame, then ends the
   unwinding there: it restores the caller's registers from the unwinder's
   context and jumps to the return address with the function's result in
   the return register, as if the function had returned normally.

   Panics raised while another one is unwinding stack up, newest first.
   A newer panic that reaches the frame running the older one's deferred
   blocks has escaped those blocks: the older one is then aborted
   (replaced), as in Go.  One _Unwind_Exception per thread serves all of
   them: which panic an unwinding belongs to is the thread's newest.

   Only x86-64 is supported: the return into the caller is written in
   assembly for its calling convention.  */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#include "defer-runtime.h"
#include "defer.h"

#if !defined(__x86_64__)
#error "libdefer's panics support only x86-64"
#endif

enum {
  TRACE_DEPTH = 64, /* frames of the panicking stack kept for the report */
};

/* DWARF register numbers of x86-64.  */
enum {
  REG_RBX = 3,
  REG_RBP = 6,
  REG_R12 = 12,
  REG_R13 = 13,
  REG_R14 = 14,
  REG_R15 = 15,
};

struct panic {
  defer_panic_info info;
  char *owned_message;    /* formatted by defer_panicf, freed with us */
  struct panic *older;
  void *frame_cfa;        /* the frame being unwound now */
  int recovered, aborted;
  /* Set by a recover: the recovering function's CFA and its result.  */
  void *recovered_cfa;
  const void *result;
  unsigned result_kind;
  /* The stack it was raised on, innermost first, for the report.  */
  void *trace[TRACE_DEPTH];
  int trace_len;
  int frames_seen;        /* the first two are libdefer's own */
  void *trace_cfa;        /* the outermost frame traced so far */
};

struct thread_panics {
  struct panic *newest;
  struct _Unwind_Exception exception;
};

static _Thread_local struct thread_panics panics;

/* The registers a return into the caller needs.  */
struct resume_point {
  uintptr_t rbx, rbp, r12, r13, r14, r15, rsp, rip, rax;
  double xmm0;
};

__attribute__ ((noreturn, noinline)) static void
resume_at (const struct resume_point *r)
{
  __asm__ volatile ("movq 0(%0), %%rbx\n\t"
		    "movq 8(%0), %%rbp\n\t"
		    "movq 16(%0), %%r12\n\t"
		    "movq 24(%0), %%r13\n\t"
		    "movq 32(%0), %%r14\n\t"
		    "movq 40(%0), %%r15\n\t"
		    "movq 64(%0), %%rax\n\t"
		    "movsd 72(%0), %%xmm0\n\t"
		    "movq 48(%0), %%rsp\n\t"
		    "jmpq *56(%0)"
		    :
		    : "D"(r)
		    : "memory");
  __builtin_unreachable ();
}

/* The return register's value for a result of KIND (see
   <defer-runtime.h>) stored at RESULT.  */
static void
load_result (struct resume_point *r, const void *result, unsigned kind)
{
  unsigned size = kind & 0xff;
  switch (kind >> 8)
    {
    case __DEFER_RESULT_SIGNED:
      {
	int64_t v = 0;
	if (size == 1)
	  v = *(const int8_t *) result;
	else if (size == 2)
	  v = *(const int16_t *) result;
	else if (size == 4)
	  v = *(const int32_t *) result;
	else
	  v = *(const int64_t *) result;
	r->rax = (uintptr_t) v;
	break;
      }
    case __DEFER_RESULT_UNSIGNED:
      {
	uint64_t v = 0;
	memcpy (&v, result, size <= 8 ? size : 8);
	r->rax = (uintptr_t) v;
	break;
      }
    case __DEFER_RESULT_FLOAT:
      {
	float f;
	memcpy (&f, result, sizeof f);
	memcpy (&r->xmm0, &f, sizeof f);
	break;
      }
    case __DEFER_RESULT_DOUBLE:
      memcpy (&r->xmm0, result, sizeof r->xmm0);
      break;
    default: /* void */
      break;
    }
}

static void
free_panic (struct panic *p)
{
  free (p->owned_message);
  free (p);
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

static _Unwind_Reason_Code
stop (int version, _Unwind_Action actions, _Unwind_Exception_Class cls,
      struct _Unwind_Exception *e, struct _Unwind_Context *ctx, void *arg)
{
  (void) version, (void) cls, (void) e, (void) arg;
  struct panic *p = panics.newest;
  if (!p)
    abort (); /* an unwinding of ours with no panic: cannot happen */
  if (actions & _UA_END_OF_STACK)
    die_unrecovered (p);
  void *cfa = (void *) _Unwind_GetCFA (ctx);

  if (p->recovered && (uintptr_t) cfa > (uintptr_t) p->recovered_cfa)
    {
      /* The recovering function's blocks are done: return into its
	 caller, this frame.  */
      struct resume_point r = {0};
      r.rbx = _Unwind_GetGR (ctx, REG_RBX);
      r.rbp = _Unwind_GetGR (ctx, REG_RBP);
      r.r12 = _Unwind_GetGR (ctx, REG_R12);
      r.r13 = _Unwind_GetGR (ctx, REG_R13);
      r.r14 = _Unwind_GetGR (ctx, REG_R14);
      r.r15 = _Unwind_GetGR (ctx, REG_R15);
      r.rsp = (uintptr_t) p->recovered_cfa;
      r.rip = _Unwind_GetIP (ctx);
      load_result (&r, p->result, p->result_kind);
      pop_recovered ();
      resume_at (&r);
    }

  /* An older panic whose deferred blocks raised this one is replaced
     once this one leaves them, reaching the frame that runs them.  */
  for (struct panic *q = p->older; q; q = q->older)
    if (!q->aborted && q->frame_cfa
	&& (uintptr_t) cfa >= (uintptr_t) q->frame_cfa)
      q->aborted = 1;

  p->frame_cfa = cfa;
  /* A frame is seen again when its landing pad resumes the unwinding.  */
  if ((uintptr_t) cfa > (uintptr_t) p->trace_cfa)
    {
      if (p->frames_seen++ >= 2 && p->trace_len < TRACE_DEPTH)
	p->trace[p->trace_len++] = (void *) _Unwind_GetIP (ctx);
      p->trace_cfa = cfa;
    }
  return _URC_NO_REASON;
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
  _Unwind_ForcedUnwind (e, stop, NULL);
  /* Only if the unwinder could not start.  */
  die_unrecovered (p);
}

static struct panic *
new_panic (const char *message, void *data, const char *file, int line,
	   const char *function)
{
  struct panic *p = calloc (1, sizeof *p);
  if (!p)
    abort ();
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

static _Unwind_Reason_Code
second_frame_cfa (struct _Unwind_Context *ctx, void *arg)
{
  void **out = arg;
  if (out[1]) /* the frame of __libdefer_recover, then its caller */
    {
      out[0] = (void *) _Unwind_GetCFA (ctx);
      return _URC_END_OF_STACK;
    }
  out[1] = (void *) 1;
  return _URC_NO_REASON;
}

__attribute__ ((noinline)) const defer_panic_info *
__libdefer_recover (const void *result, unsigned result_kind)
{
  struct panic *p = panics.newest;
  if (!p || p->recovered || p->aborted)
    return NULL;
  void *found[2] = {NULL, NULL};
  _Unwind_Backtrace (second_frame_cfa, found);
  if (!found[0] || found[0] != p->frame_cfa)
    return NULL; /* not a block the panic is running */
  p->recovered = 1;
  p->recovered_cfa = found[0];
  p->result = result;
  p->result_kind = result_kind;
  return &p->info;
}
