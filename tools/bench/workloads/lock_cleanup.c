/* SPDX-License-Identifier: MIT */
/* lock, hand-written with __attribute__((cleanup)) on a guard pointer (see
 * lock_defer.c). */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

static void unlock_guard(pthread_mutex_t *const *m)
{
    pthread_mutex_unlock(*m);
}

int wl_lock(unsigned x)
{
    pthread_mutex_lock(&lock_mutex);
    __attribute__((cleanup(unlock_guard))) pthread_mutex_t *guard = &lock_mutex;
    lock_counter++;
    return (int)(x ^ (unsigned)lock_counter);
}
