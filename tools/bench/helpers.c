/* SPDX-License-Identifier: MIT */
/* The resource model used by the workloads: cheap out-of-line acquire,
 * release and use functions.  The empty asm with a memory clobber stops the
 * compiler from treating them as pure even if they were ever visible to it.
 * bench_close records the order of releases in `trace`, so a variant that
 * released in another order (or twice, or never) changes the checksum. */
#include "bench.h"

static unsigned long opens, closes, trace;

__attribute__((noinline)) int bench_open(unsigned key)
{
    __asm__ volatile("" ::: "memory");
    if (key == 0)
        return -1;
    opens++;
    return (int)key;
}

__attribute__((noinline)) void bench_close(int handle)
{
    __asm__ volatile("" ::: "memory");
    closes++;
    trace = trace * 31 + (unsigned)handle;
}

__attribute__((noinline)) int bench_use(int a, int b, int c)
{
    __asm__ volatile("" ::: "memory");
    return a * 9 + b * 3 + c;
}

void bench_stats(unsigned long *o, unsigned long *c, unsigned long *t)
{
    *o = opens;
    *c = closes;
    *t = trace;
}
