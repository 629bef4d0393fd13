/* SPDX-License-Identifier: MIT */
/* Declarations shared by the benchmark driver, the resource model and every
 * workload variant.  Each workload exists once per variant
 * (workloads/<name>_<variant>.c); all variants of one workload must compute
 * the same results, which the driver's checksum lets run.sh verify. */
#ifndef DEFER_BENCH_H
#define DEFER_BENCH_H

/* The resource model (helpers.c).  It lives in its own translation unit and
 * is built without the plugin, so no variant can inline or fold it: the
 * workloads differ only in how they arrange their cleanup code.
 * bench_open fails (returns -1) when key is 0, else returns a handle > 0. */
int bench_open(unsigned key);
void bench_close(int handle);
int bench_use(int a, int b, int c);
void bench_stats(unsigned long *opens, unsigned long *closes,
                 unsigned long *trace);

/* Every workload: one function `int wl_<name>(unsigned x)`, where x is a
 * pseudo-random input that selects which path the call takes. */
#define BENCH_WORKLOADS(X) \
    X(early_return)        \
    X(cond_defer)          \
    X(lock)                \
    X(lock_early)

#define BENCH_DECLARE(name) int wl_##name(unsigned x);
BENCH_WORKLOADS(BENCH_DECLARE)
#undef BENCH_DECLARE

#endif
