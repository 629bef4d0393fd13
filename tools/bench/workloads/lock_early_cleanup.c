/* SPDX-License-Identifier: MIT */
/* lock_early, hand-written with __attribute__((cleanup)) on a guard pointer
 * (see lock_early_defer.c). */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

static void unlock_guard(pthread_mutex_t *const *m)
{
    pthread_mutex_unlock(*m);
}

int wl_lock_early(unsigned x)
{
    pthread_mutex_lock(&lock_mutex);
    __attribute__((cleanup(unlock_guard))) pthread_mutex_t *guard = &lock_mutex;
    if ((x & 3) == 0)
        return -1;
    lock_counter += x & 0xff;
    return (int)(lock_counter & 0xffff);
}
