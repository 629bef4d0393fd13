/* SPDX-License-Identifier: MIT */
/* early_return with the Defer TS spelling _Defer (Clang -fdefer-ts, or either plugin); see
 * early_return_defer.c for what the workload models.  At the function's
 * outermost block a block-scoped _Defer means the same as defer. */
#include "../bench.h"

int wl_early_return(unsigned x)
{
    int a = bench_open(x & 3);
    if (a < 0)
        return -1;
    _Defer bench_close(a);

    int b = bench_open((x >> 2) & 3);
    if (b < 0)
        return -1;
    _Defer bench_close(b);

    int c = bench_open((x >> 4) & 3);
    if (c < 0)
        return -1;
    _Defer bench_close(c);

    if ((x >> 6) & 1)
        return -2;
    return bench_use(a, b, c);
}
