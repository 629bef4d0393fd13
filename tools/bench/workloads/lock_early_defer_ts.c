/* SPDX-License-Identifier: MIT */
/* lock_early with the Defer TS spelling _Defer (Clang -fdefer-ts, or either plugin); see
 * lock_early_defer.c. */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

int wl_lock_early(unsigned x)
{
    pthread_mutex_lock(&lock_mutex);
    _Defer pthread_mutex_unlock(&lock_mutex);
    if ((x & 3) == 0)
        return -1;
    lock_counter += x & 0xff;
    return (int)(lock_counter & 0xffff);
}
