/* SPDX-License-Identifier: MIT */
/* lock_early, hand-written with a goto to the unlock (see
 * lock_early_defer.c). */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

int wl_lock_early(unsigned x)
{
    int ret = -1;

    pthread_mutex_lock(&lock_mutex);
    if ((x & 3) == 0)
        goto unlock;
    lock_counter += x & 0xff;
    ret = (int)(lock_counter & 0xffff);
unlock:
    pthread_mutex_unlock(&lock_mutex);
    return ret;
}
