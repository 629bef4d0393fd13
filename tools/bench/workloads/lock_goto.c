/* SPDX-License-Identifier: MIT */
/* lock, hand-written: with a single exit there is nothing to jump to, so the
 * hand-written form is simply lock, work, unlock (see lock_defer.c). */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

int wl_lock(unsigned x)
{
    int ret;

    pthread_mutex_lock(&lock_mutex);
    lock_counter++;
    ret = (int)(x ^ (unsigned)lock_counter);
    pthread_mutex_unlock(&lock_mutex);
    return ret;
}
