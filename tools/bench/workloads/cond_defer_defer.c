/* SPDX-License-Identifier: MIT */
/* cond_defer, written with defer: three handles that always open; whether
 * this call owns (and so must close) each one depends on a flag, and a
 * validation failure between the second and third returns early.
 * Keys: bits 0-2, 4-6, 8-10 of x (plus 1); ownership flags: bits 3, 7, 11;
 * early return: bit 12. */
#include "../bench.h"

int wl_cond_defer(unsigned x)
{
    int a = bench_open(1 + (x & 7));
    if (x & 0x8)
        defer bench_close(a);

    int b = bench_open(1 + ((x >> 4) & 7));
    if (x & 0x80)
        defer bench_close(b);

    if ((x >> 12) & 1)
        return -1;

    int c = bench_open(1 + ((x >> 8) & 7));
    if (x & 0x800)
        defer bench_close(c);

    return bench_use(a, b, c);
}
