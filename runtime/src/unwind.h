/* SPDX-License-Identifier: MIT */
/* libdefer's own frame walker for panics (x86-64 Linux), shared by
   unwind.c, unwind-frames.c and unwind-x86_64.S.  Not installed.

   A panic runs through the same landing pads as with the system unwinder
   (libgcc), but steps from frame to frame with unwind rules it decodes
   once per return address and caches, instead of decoding DWARF again at
   every frame of every panic.  Any frame it does not understand (another
   personality routine, an unusual CFA rule, a signal frame) is handed
   back to libgcc, which then finishes the panic.  */

#ifndef LIBDEFER_UNWIND_H
#define LIBDEFER_UNWIND_H

#include <stdint.h>
#include <unwind.h>

#if defined(__x86_64__) && defined(__linux__)
#define LIBDEFER_FAST_UNWIND 1
#else
#define LIBDEFER_FAST_UNWIND 0
#endif

/* A frame as the walker sees it: where it resumes and the callee-saved
   registers it sees.  The layout is used by unwind-x86_64.S.  */
enum { UW_RBX, UW_RBP, UW_R12, UW_R13, UW_R14, UW_R15, UW_SAVED };
struct uw_regs {
  uintptr_t ip; /* the return address into the frame */
  uintptr_t sp; /* its stack pointer at that call */
  uintptr_t reg[UW_SAVED];
};

enum uw_kind {
  UW_STEP,   /* ordinary frame: rules below */
  UW_END,    /* outermost frame of the thread */
  UW_SYSTEM, /* let libgcc unwind from here */
};

/* cfa_reg of a rule whose frame's CFA is not known.  */
enum { UW_NO_CFA = UW_SAVED + 1 };

/* The unwind rules of the frame at one return address.  The frame's CFA
   is known for more frames than the walker steps through (those it hands
   to libgcc for their arguments' size or their personality routine, and
   those that realign the stack, whose CFA is read from the stack).  */
struct uw_rule {
  uintptr_t ip;          /* the return address they are for */
  uint64_t unloads;      /* objects unloaded before it was decoded */
  uintptr_t landing_pad; /* where a forced unwind enters, or 0 */
  int32_t cfa_offset;
  int32_t ra_offset;     /* return address at CFA + ra_offset */
  int32_t saved[UW_SAVED]; /* at CFA + saved[i]; 0: not saved */
  uint8_t kind;
  uint8_t cfa_reg;       /* UW_RBP, UW_SAVED for the stack pointer, or
			    UW_NO_CFA */
  uint8_t cfa_deref;     /* the CFA is the word at cfa_reg + cfa_offset */
  uint8_t unused[5];
};

/* Fills RULE for the return address IP.  */
void __libdefer_uw_rule (uintptr_t ip, struct uw_rule *rule);

/* Objects unloaded so far, when the thread's current panic started.  */
extern __attribute__ ((tls_model ("initial-exec"))) _Thread_local
unsigned long long __libdefer_uw_unloads;

/* __libdefer_uw_rule for a RULE kept from an earlier call: left as it is
   when it is IP's and no object has been unloaded since it was decoded
   (the cache's own condition).  */
static inline void
uw_rule_kept (uintptr_t ip, struct uw_rule *rule)
{
  if (rule->ip != ip || rule->unloads != __libdefer_uw_unloads)
    __libdefer_uw_rule (ip, rule);
}

/* The canonical frame address of the frame at RULE's return address,
   given its stack pointer SP and frame pointer RBP there; 0 if RULE does
   not give it.  */
static inline uintptr_t
uw_frame_cfa (const struct uw_rule *rule, uintptr_t sp, uintptr_t rbp)
{
  if (rule->cfa_reg == UW_NO_CFA)
    return 0;
  uintptr_t at = (rule->cfa_reg == UW_SAVED ? sp : rbp)
		 + (intptr_t) rule->cfa_offset;
  return rule->cfa_deref ? *(const uintptr_t *) at : at;
}

/* Called when a panic starts: rules decoded before an unload since are
   stale.  */
void __libdefer_uw_begin (void);

/* unwind.c, called from unwind-x86_64.S.  */
__attribute__ ((noreturn)) void __libdefer_uw_walk (
  struct _Unwind_Exception *e, struct uw_regs *regs);
int __libdefer_uw_owns (struct _Unwind_Exception *e);

/* unwind-x86_64.S.  */
/* Unwinds E from the caller's frame.  */
__attribute__ ((noreturn)) void __libdefer_uw_start (
  struct _Unwind_Exception *e);
/* Enters LANDING_PAD of the frame REGS describes, with E.  */
__attribute__ ((noreturn)) void __libdefer_uw_land (
  const struct uw_regs *regs, uintptr_t landing_pad,
  struct _Unwind_Exception *e);
/* Goes on unwinding E with libgcc from the frame REGS describes.  */
__attribute__ ((noreturn)) void __libdefer_uw_system (
  struct _Unwind_Exception *e, const struct uw_regs *regs);
/* The return address of the frame __libdefer_uw_system makes.  */
extern const char __libdefer_uw_system_return[];

/* panic.c: a frame the panic reaches (its CFA and return address), and
   the end of the stack.  */
void __libdefer_panic_frame (uintptr_t cfa, uintptr_t ip);
__attribute__ ((noreturn)) void __libdefer_panic_end (void);

#endif
