/* SPDX-License-Identifier: MIT */
// libdefer's record pool and longjmp: a longjmp out of a function abandons
// its pooled records without a release. Repeated 100,000 times, from a
// caller with or without records of its own, the heap must stay bounded;
// the records of the live frames must survive the reclaiming; a function
// that calls setjmp and keeps registering after each longjmp back into it
// must not lose those records to a later reclaim; and an abandoned frame
// below a frame that returns normally is forgotten by that return, even
// once its stack memory is reused.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s

#include <setjmp.h>

#include "Inputs/pool-test.h"

#define NOINLINE __attribute__((noinline, noclone))

enum { LOOPS = 100000, BOUND = 1 << 20 };

static jmp_buf out;

/* A function that never returns: it and DEPTH more levels of itself each
   push 4 records of 64 bytes, then the deepest longjmps to OUT.  */
static NOINLINE __attribute__((noreturn)) void abandon(int depth) {
  struct __defer_frame f = {0};
  for (int i = 0; i < 4; i++)
    push_rec(&f, (unsigned)i, 64, (uint32_t)(depth * 4 + i));
  if (depth > 0)
    abandon(depth - 1);
  else
    longjmp(out, 1);
}

/* The heap growth since BASE, checked against the bound as it goes, so
   that a pool that never reclaims fails early rather than eating memory.  */
static long check_growth(struct heap_stats base) {
  long growth = heap_now().live_bytes - base.live_bytes;
  CHECK(growth < BOUND);
  return growth;
}

/* 100,000 abandonments, 1 to 8 frames deep, from a caller with no pooled
   records; then from one whose own records must stay intact.  */
static NOINLINE long abandon_often(void) {
  struct heap_stats base = heap_now();
  long max = 0;
  for (volatile int i = 0; i < LOOPS; i++) {
    if (setjmp(out) == 0)
      abandon(i % 8);
    if (i % 1000 == 0) {
      long g = check_growth(base);
      max = g > max ? g : max;
    }
  }
  return max;
}

static NOINLINE void abandon_often_below_records(void) {
  struct heap_stats base = heap_now();
  struct __defer_frame f = {0};
  for (unsigned i = 0; i < 10; i++)
    push_rec(&f, i, 100, 1000 + i);
  for (volatile int i = 0; i < LOOPS; i++) {
    if (setjmp(out) == 0)
      abandon(i % 8);
    if (i % 1000 == 0)
      check_growth(base);
  }
  CHECK(frame_return(&f) == 10);
}

/* A function calling setjmp registers again after each longjmp back into
   it (docs/REFERENCE.md, "The run-time lowering"): records pushed after an abandoned callee's
   records, which a later callee's reclaiming must not take back.  */
static NOINLINE size_t register_after_longjmp(void) {
  struct heap_stats base = heap_now();
  struct __defer_frame f = {0};
  push_rec(&f, 0, 64, 5000);
  for (volatile unsigned i = 1; i <= 1000; i++) {
    if (setjmp(out) == 0)
      abandon((int)(i % 3));
    push_rec(&f, i, 64 + (i % 5) * 16, 5000 + i);
    if (i % 100 == 0)
      check_growth(base);
  }
  return frame_return(&f);
}

/* The first record of a fresh frame: where the pool stands.  */
static NOINLINE void *probe(void) {
  struct __defer_frame f = {0};
  void *p = alloc_checked(&f, 32);
  __libdefer_release(&f);
  return p;
}

/* The same, from DEPTH levels further down the stack.  */
static NOINLINE void *probe_below(int depth) {
  volatile char pad[200];
  pad[0] = (char)depth;
  void *p = depth ? probe_below(depth - 1) : probe();
  return (char *)p + pad[0] * 0;
}

/* Reuse stack memory below the caller: a frame left in the pool's list
   would now hold garbage.  */
static NOINLINE void scribble(void) {
  volatile char junk[64 * 1024];
  memset((char *)junk, 0x5a, sizeof junk);
}

static NOINLINE void mid(void) {
  if (setjmp(out) == 0)
    abandon(3);
}

static NOINLINE size_t outer(void) {
  struct __defer_frame f = {0};
  for (unsigned i = 0; i < 5; i++)
    push_rec(&f, i, 80, 7000 + i);
  mid();
  for (unsigned i = 5; i < 10; i++)
    push_rec(&f, i, 80, 7000 + i);
  return frame_return(&f);
}

/* Like abandon, with records filling many chunks: 2000 of 208 bytes per
   level.  */
static NOINLINE __attribute__((noreturn)) void abandon_big(int depth) {
  struct __defer_frame f = {0};
  for (unsigned i = 0; i < 2000; i++)
    push_rec(&f, i, 208, (uint32_t)(depth * 2000) + i);
  if (depth > 0)
    abandon_big(depth - 1);
  else
    longjmp(out, 1);
}

static NOINLINE void mid_big(void) {
  if (setjmp(out) == 0)
    abandon_big(2);
}

/* Returns at once after the abandonment below it: its release, not a
   later allocation, must forget the abandoned frames, whose chunks it
   frees.  */
static NOINLINE size_t outer_returning_at_once(void) {
  struct __defer_frame f = {0};
  for (unsigned i = 0; i < 5; i++)
    push_rec(&f, i, 80, 8000 + i);
  mid_big();
  return frame_return(&f);
}

int main(void) {
  static char outbuf[4096]; /* so that printf allocates nothing */
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

  void *start = probe();
  long max = abandon_often();
  printf("%d abandonments: heap growth below 1 MiB (%ld KiB)\n", LOOPS,
         max / 1024);
  // CHECK: 100000 abandonments: heap growth below 1 MiB

  abandon_often_below_records();
  printf("%d abandonments below a frame with records: bounded, records "
         "intact\n", LOOPS);
  // CHECK: 100000 abandonments below a frame with records: bounded, records intact

  size_t n = register_after_longjmp();
  printf("registered after each longjmp back: %zu records intact\n", n);
  // CHECK: registered after each longjmp back: 1001 records intact

  CHECK(probe() == start);
  n = outer();
  printf("abandoned below a returning frame: %zu records intact\n", n);
  // CHECK: abandoned below a returning frame: 10 records intact
  struct heap_stats base = heap_now();
  n = outer_returning_at_once();
  long kept = heap_now().live_large - base.live_large;
  printf("abandoned 1.2 MB below a frame returning at once: %zu records "
         "intact, %s\n", n, kept <= 3 ? "chunks freed" : "CHUNKS KEPT");
  // CHECK: abandoned 1.2 MB below a frame returning at once: 5 records intact, chunks freed
  scribble();
  int same = 0;
  for (int d = 0; d < 64; d++)
    same += probe_below(d) == start;
  printf("then the pool is back where it started: %d of 64 probes\n", same);
  // CHECK: then the pool is back where it started: 64 of 64 probes
  return 0;
}
