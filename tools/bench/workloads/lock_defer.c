/* SPDX-License-Identifier: MIT */
/* lock, written with defer: the uncontended lock/unlock hot path, a short
 * critical section whose result is read under the lock. */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

int wl_lock(unsigned x)
{
    pthread_mutex_lock(&lock_mutex);
    defer pthread_mutex_unlock(&lock_mutex);
    lock_counter++;
    return (int)(x ^ (unsigned)lock_counter);
}
