/* SPDX-License-Identifier: MIT */
/* cond_defer, hand-written with goto cleanup labels that re-test the
 * ownership flags (see cond_defer_defer.c for what the workload models). */
#include "../bench.h"

int wl_cond_defer(unsigned x)
{
    int a, b, c, ret = -1;

    a = bench_open(1 + (x & 7));
    b = bench_open(1 + ((x >> 4) & 7));
    if ((x >> 12) & 1)
        goto close_b;
    c = bench_open(1 + ((x >> 8) & 7));
    ret = bench_use(a, b, c);
    if (x & 0x800)
        bench_close(c);
close_b:
    if (x & 0x80)
        bench_close(b);
    if (x & 0x8)
        bench_close(a);
    return ret;
}
