/* SPDX-License-Identifier: MIT */
/* The loop workloads written with `defer` (compiled with the plugin).
 * Check the storage decision with -fplugin-arg-defer-report: lw_defer's
 * records come from the per-thread pool, lw_defer16's live in the frame. */
#include "loop.h"

void lw_defer(int n, int *buf)
{
    (void)buf;
    for (int i = 0; i < n; i++)
        defer sink(i);
}

void lw_defer16(int n, int *buf)
{
    (void)n;
    (void)buf;
    for (int i = 0; i < 16; i++)
        defer sink(i);
}
