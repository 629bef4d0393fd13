/* SPDX-License-Identifier: MIT */
/* lock_early, written with defer: the lock hot path with an early return
 * inside the critical section (bits 0-1 of x all zero: one call in four). */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

int wl_lock_early(unsigned x)
{
    pthread_mutex_lock(&lock_mutex);
    defer pthread_mutex_unlock(&lock_mutex);
    if ((x & 3) == 0)
        return -1;
    lock_counter += x & 0xff;
    return (int)(lock_counter & 0xffff);
}
