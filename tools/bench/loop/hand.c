/* SPDX-License-Identifier: MIT */
/* The loop workloads written by hand: keep the value each cleanup needs,
 * then run the cleanups in reverse order before returning. */
#include <stdlib.h>

#include "loop.h"

/* A stack array for the common case, malloc beyond it. */
void lw_hand(int n, int *buf)
{
    int local[HAND_LOCAL];
    int *pending = local;
    int count = 0;

    (void)buf;
    if (n > HAND_LOCAL) {
        pending = malloc((size_t)n * sizeof *pending);
        if (pending == NULL)
            abort();
    }
    for (int i = 0; i < n; i++)
        pending[count++] = i;
    while (count > 0)
        sink(pending[--count]);
    if (pending != local)
        free(pending);
}

/* The caller provides room for n pending values. */
void lw_hand_buf(int n, int *buf)
{
    int count = 0;

    for (int i = 0; i < n; i++)
        buf[count++] = i;
    while (count > 0)
        sink(buf[--count]);
}
