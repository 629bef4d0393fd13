/* SPDX-License-Identifier: MIT */
/* early_return, written with defer: three resources, each acquisition may
 * fail, plus a late error after all three are held.  Bits 0-1, 2-3 and 4-5
 * of x are the keys (0 means the open fails), bit 6 forces the late error. */
#include "../bench.h"

int wl_early_return(unsigned x)
{
    int a = bench_open(x & 3);
    if (a < 0)
        return -1;
    defer bench_close(a);

    int b = bench_open((x >> 2) & 3);
    if (b < 0)
        return -1;
    defer bench_close(b);

    int c = bench_open((x >> 4) & 3);
    if (c < 0)
        return -1;
    defer bench_close(c);

    if ((x >> 6) & 1)
        return -2;
    return bench_use(a, b, c);
}
