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

/* The unwind rules of the frame at one return address.  */
struct uw_rule {
  uintptr_t ip;          /* the return address they are for */
  uint64_t unloads;      /* objects unloaded before it was decoded */
  uintptr_t landing_pad; /* where a forced unwind enters, or 0 */
  int32_t cfa_offset;
  int32_t ra_offset;     /* return address at CFA + ra_offset */
  int32_t saved[UW_SAVED]; /* at CFA + saved[i]; 0: not saved */
  uint8_t kind;
  uint8_t cfa_reg;       /* UW_RBP, or UW_SAVED for the stack pointer */
  uint8_t unused[6];
};

/* Fills RULE for the return address IP.  */
void __libdefer_uw_rule (uintptr_t ip, struct uw_rule *rule);
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

/* panic.c: a frame the panic reaches, and the end of the stack.  */
void __libdefer_panic_frame (uintptr_t sp, uintptr_t ip);
__attribute__ ((noreturn)) void __libdefer_panic_end (void);

#endif
