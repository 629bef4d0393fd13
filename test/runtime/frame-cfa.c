/* SPDX-License-Identifier: MIT */
// The canonical frame address (CFA) that libdefer's rules give a frame at
// a call is the one libgcc's unwinder finds for it, whatever the frame's
// stack pointer is there: libdefer tells the frame that a panic unwinds
// from the one a deferred block runs in by it.  Frames that use alloca
// and VLAs, that push an 8 KiB argument for the call (at -O0), and, with
// -mforce-drap, that realign the stack and keep their CFA in the frame
// (where __builtin_dwarf_cfa () is not the CFA).  -fexceptions, as the
// plugins compile: GCC then describes the pushed argument in the frame's
// rules.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -fexceptions -iquote %runtime-src %runtime-src/unwind-frames.c %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -fexceptions -iquote %runtime-src %runtime-src/unwind-frames.c %s -o %t.O2 && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O2 -mforce-drap -iquote %runtime-src %runtime-src/unwind-frames.c %s -o %t.drap && %t.drap | FileCheck %s

#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unwind.h"

#define NOINLINE __attribute__((noinline, noclone))

static int failures;

struct after {
  uintptr_t ip;   // a return address into the frame
  int found;
  uintptr_t cfa;  // libgcc's CFA of that frame
};

// libgcc's context for a frame holds the CFA of the frame's callee: the
// CFA of the frame at AFTER->ip is in the context of the next frame out.
static _Unwind_Reason_Code find_cfa(struct _Unwind_Context *ctx, void *arg) {
  struct after *a = arg;
  if (a->found) {
    a->cfa = _Unwind_GetCFA(ctx);
    return _URC_END_OF_STACK;
  }
  a->found = _Unwind_GetIP(ctx) == a->ip;
  return _URC_NO_REASON;
}

// The CFA of a caller that was at stack pointer SP with frame pointer RBP
// when it called from RA: libdefer's against libgcc's.
static NOINLINE void check(const char *what, uintptr_t sp, uintptr_t rbp,
                           uintptr_t ra) {
  struct uw_rule rule;
  __libdefer_uw_rule(ra, &rule);
  uintptr_t cfa = uw_frame_cfa(&rule, sp, rbp);
  struct after a = {ra, 0, 0};
  _Unwind_Backtrace(find_cfa, &a);
  printf("%s: %s\n", what, cfa && cfa == a.cfa ? "ok" : "wrong");
  failures += !cfa || cfa != a.cfa;
}

// What libdefer's entries find of their caller in their own frame: its
// frame pointer and the return address, above which is its stack pointer.
#define PROBE(what)                                                            \
  check(what, (uintptr_t)__builtin_frame_address(0) + 16,                     \
        *(uintptr_t *)__builtin_frame_address(0),                              \
        (uintptr_t)__builtin_return_address(0))

// No tail calls: the caller must still be there.
#define NO_TAIL_CALL() __asm__ volatile("" ::: "memory")

static NOINLINE void probe(const char *what) { PROBE(what); }

struct big {
  char bytes[8192];
};

// Its caller pushes B for the call at -O0.
static NOINLINE void probe_big(const char *what, struct big b) {
  __asm__ volatile("" : : "r"(b.bytes) : "memory");
  PROBE(what);
}

static NOINLINE void plain(void) {
  probe("plain");
  NO_TAIL_CALL();
}

static NOINLINE void with_alloca(int n) {
  char *p = alloca(n);
  memset(p, 1, n);
  __asm__ volatile("" : : "r"(p) : "memory");
  probe("alloca");
  NO_TAIL_CALL();
}

static NOINLINE void with_vla(int n) {
  char v[n];
  memset(v, 2, n);
  __asm__ volatile("" : : "r"(v) : "memory");
  probe("vla");
  NO_TAIL_CALL();
}

static NOINLINE void big_argument(void) {
  struct big b;
  memset(&b, 3, sizeof b);
  probe_big("big argument", b);
  NO_TAIL_CALL();
}

static NOINLINE void realigned(void) {
  _Alignas(64) char buf[64];
  memset(buf, 4, sizeof buf);
  __asm__ volatile("" : : "r"(buf) : "memory");
  probe("realigned");
  NO_TAIL_CALL();
}

int main(void) {
  plain();
  with_alloca(1000);
  with_vla(1000);
  big_argument();
  realigned();
  return failures != 0;
}

// CHECK: plain: ok
// CHECK: alloca: ok
// CHECK: vla: ok
// CHECK: big argument: ok
// CHECK: realigned: ok
