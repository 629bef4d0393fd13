/* SPDX-License-Identifier: MIT */
/* early_return, hand-written with __attribute__((cleanup)) (see
 * early_return_defer.c for what the workload models).  Each guard variable
 * is declared only once its resource is held, exactly where the defer
 * version registers its deferred call, so no "is it open?" test is needed. */
#include "../bench.h"

static void close_guard(const int *handle)
{
    bench_close(*handle);
}

#define GUARD __attribute__((cleanup(close_guard)))

int wl_early_return(unsigned x)
{
    int a = bench_open(x & 3);
    if (a < 0)
        return -1;
    GUARD int guard_a = a;

    int b = bench_open((x >> 2) & 3);
    if (b < 0)
        return -1;
    GUARD int guard_b = b;

    int c = bench_open((x >> 4) & 3);
    if (c < 0)
        return -1;
    GUARD int guard_c = c;

    if ((x >> 6) & 1)
        return -2;
    return bench_use(guard_a, guard_b, guard_c);
}
