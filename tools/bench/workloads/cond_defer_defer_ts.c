/* SPDX-License-Identifier: MIT */
/* cond_defer with the Defer TS spelling _Defer (Clang -fdefer-ts, or either plugin); see
 * cond_defer_defer.c for what the workload models.  A TS _Defer is
 * block-scoped (`if (f) _Defer ...;` would run at once), so the condition
 * moves inside the deferred statement. */
#include "../bench.h"

int wl_cond_defer(unsigned x)
{
    int a = bench_open(1 + (x & 7));
    _Defer if (x & 0x8) bench_close(a);

    int b = bench_open(1 + ((x >> 4) & 7));
    _Defer if (x & 0x80) bench_close(b);

    if ((x >> 12) & 1)
        return -1;

    int c = bench_open(1 + ((x >> 8) & 7));
    _Defer if (x & 0x800) bench_close(c);

    return bench_use(a, b, c);
}
