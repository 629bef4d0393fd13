/* SPDX-License-Identifier: MIT */
/* cond_defer, hand-written with __attribute__((cleanup)): the cleanup
 * function checks an "owned" flag stored beside the handle (see
 * cond_defer_defer.c for what the workload models). */
#include "../bench.h"

struct owned {
    int handle;
    int own;
};

static void close_if_owned(const struct owned *o)
{
    if (o->own)
        bench_close(o->handle);
}

#define GUARD __attribute__((cleanup(close_if_owned)))

int wl_cond_defer(unsigned x)
{
    GUARD struct owned a = {bench_open(1 + (x & 7)), (x & 0x8) != 0};
    GUARD struct owned b = {bench_open(1 + ((x >> 4) & 7)), (x & 0x80) != 0};

    if ((x >> 12) & 1)
        return -1;

    GUARD struct owned c = {bench_open(1 + ((x >> 8) & 7)), (x & 0x800) != 0};

    return bench_use(a.handle, b.handle, c.handle);
}
