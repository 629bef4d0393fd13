/* SPDX-License-Identifier: MIT */
/* early_return, hand-written with goto cleanup labels (see
 * early_return_defer.c for what the workload models). */
#include "../bench.h"

int wl_early_return(unsigned x)
{
    int a, b, c, ret = -1;

    a = bench_open(x & 3);
    if (a < 0)
        return -1;
    b = bench_open((x >> 2) & 3);
    if (b < 0)
        goto close_a;
    c = bench_open((x >> 4) & 3);
    if (c < 0)
        goto close_b;
    if ((x >> 6) & 1) {
        ret = -2;
        goto close_c;
    }
    ret = bench_use(a, b, c);
close_c:
    bench_close(c);
close_b:
    bench_close(b);
close_a:
    bench_close(a);
    return ret;
}
