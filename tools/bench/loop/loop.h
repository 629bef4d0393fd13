/* SPDX-License-Identifier: MIT */
/* Declarations shared by the loop-defer benchmark (tools/bench/loop.sh).
 *
 * Every workload registers n pending cleanups in a loop and returns; each
 * cleanup is sink(i), and they run newest first.  The variants differ only
 * in how they keep the pending cleanups:
 *
 *   lw_defer      `defer sink(i);` in a loop with a run-time trip count:
 *                 records from libdefer's per-thread pool
 *   lw_defer16    the same with the constant trip count 16: records in a
 *                 frame array (n must be 16)
 *   lw_hand       hand-written: an array of pending values on the stack,
 *                 malloc'ed when n exceeds it, run in reverse
 *   lw_hand_buf   hand-written with a buffer of at least n ints provided by
 *                 the caller (the cheapest possible bookkeeping)
 *
 * sink lives in its own translation unit, built without the plugin and
 * never inlined, so every variant makes the same n calls. */
#ifndef LOOP_BENCH_H
#define LOOP_BENCH_H

/* sum = sum * 31 + i + 1: depends on the order of the calls, so a variant
 * that ran the cleanups in another order, or missed one, shows up. */
void sink(int i);
unsigned long sink_sum(void);

typedef void loop_fn(int n, int *buf);

loop_fn lw_defer, lw_defer16, lw_hand, lw_hand_buf;

/* The hand-written variant's stack array: pending values beyond it go to
 * malloc. */
enum { HAND_LOCAL = 64 };

#endif
