/* SPDX-License-Identifier: MIT */
/* The deferred action of every variant: a cheap call that the optimiser
 * cannot remove, inline or reorder (it is in another translation unit,
 * compiled without the plugin). */
#include "loop.h"

static unsigned long sum;

__attribute__((noinline)) void sink(int i)
{
    sum = sum * 31 + (unsigned)i + 1;
}

unsigned long sink_sum(void)
{
    return sum;
}
