/* SPDX-License-Identifier: MIT */
/* lock with the Defer TS spelling _Defer (Clang -fdefer-ts, or either plugin); see
 * lock_defer.c. */
#include <pthread.h>

#include "../bench.h"

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long lock_counter;

int wl_lock(unsigned x)
{
    pthread_mutex_lock(&lock_mutex);
    _Defer pthread_mutex_unlock(&lock_mutex);
    lock_counter++;
    return (int)(x ^ (unsigned)lock_counter);
}
