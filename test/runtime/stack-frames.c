/* SPDX-License-Identifier: MIT */
// libdefer tells the frames that a longjmp abandoned from live ones by the
// stack position of the call that took each mark: a mark from the same or
// a deeper position than a new one is stale. That holds because every
// function that marks has a stack frame of its own (the plugins do not
// inline them), and it must not take a live frame for an abandoned one
// when a function lowers its stack pointer with a VLA or alloca, or when
// callees one after the other mark from the same position. Every record
// must survive until its frame returns.
//
// A mark taken inside a VLA's scope would be older than calls made later
// from higher up the stack, which would take it for an abandoned one: a
// function with a VLA takes its mark on entry, as __libdefer_alloc (frame,
// 0), before its stack pointer moves (mark_at_entry below).
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s

#include <alloca.h>

#include "Inputs/pool-test.h"

#define NOINLINE __attribute__((noinline, noclone))

/* A function with pooled records, called normally.  */
static NOINLINE size_t callee(uint32_t salt) {
  struct __defer_frame f = {0};
  for (unsigned i = 0; i < 5; i++)
    push_rec(&f, i, 48, salt + i);
  return frame_return(&f);
}

/* What a function with a VLA does first: take its mark at the stack
   position of its fixed frame.  */
POOL_TEST_INLINE void mark_at_entry(struct __defer_frame *f) {
  CHECK(__libdefer_alloc(f, 0) != NULL);
  CHECK(f->mark_cur != NULL);
}

/* Records pushed inside a VLA's scope, 4 KiB further down the stack than
   the calls made after it.  */
static NOINLINE size_t mark_under_vla(int n) {
  struct __defer_frame f = {0};
  mark_at_entry(&f);
  unsigned site = 0;
  for (int k = 0; k < 3; k++) {
    volatile char buf[n];
    buf[n - 1] = (char)k;
    (void)buf[n - 1];
    push_rec(&f, site, 48, 400 + site);
    site++;
  }
  size_t got = callee(500);
  push_rec(&f, site, 48, 400 + site);
  site++;
  got += callee(600);
  return got + frame_return(&f);
}

/* Alloca lasts until the function returns, so a mark taken below it needs
   no care: later calls come from lower still.  */
static NOINLINE size_t mark_under_alloca(int n) {
  struct __defer_frame f = {0};
  volatile char *buf = alloca((size_t)n);
  buf[0] = 1;
  push_rec(&f, 0, 48, 700);
  size_t got = callee(800);
  push_rec(&f, 1, 48, 701);
  return got + frame_return(&f);
}

/* A caller whose callees, one after the other, take their marks from the
   same stack position: each earlier one was released, none is stale.  */
static NOINLINE size_t caller_then_callees(void) {
  struct __defer_frame f = {0};
  push_rec(&f, 0, 48, 1000);
  size_t got = callee(1100) + callee(1200);
  push_rec(&f, 1, 48, 1001);
  return got + frame_return(&f);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0); /* what passed, should one fail */
  printf("marked under a VLA, then calls: %zu records intact\n",
         mark_under_vla(4096));
  // CHECK: marked under a VLA, then calls: 14 records intact
  printf("marked under alloca, then a call: %zu records intact\n",
         mark_under_alloca(4096));
  // CHECK: marked under alloca, then a call: 7 records intact
  printf("callees one after the other: %zu records intact\n",
         caller_then_callees());
  // CHECK: callees one after the other: 12 records intact
  return 0;
}
