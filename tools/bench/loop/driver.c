/* SPDX-License-Identifier: MIT */
/* Driver of the loop-defer benchmark (built without the plugin).
 *
 *   loopbench run     FUNC N CALLS          CALLS calls of FUNC(N), then
 *                                           "checksum <sink sum>"
 *   loopbench time    FUNC N CALLS          CALLS/10 warm-up calls, then
 *                                           CALLS timed calls; prints
 *                                           "ns <per call>" and the checksum
 *   loopbench mallocs FUNC N WARMUP CALLS   WARMUP calls, then CALLS counted
 *                                           calls; prints the allocations
 *                                           made during the counted calls
 *                                           (only when linked with
 *                                           malloc-count.c)
 *
 * FUNC is one of the lw_* functions of loop.h, without the prefix.  Under
 * callgrind, loop.sh collects only inside lw_FUNC and its callees. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loop.h"

/* Defined by malloc-count.c in the binary that counts allocations. */
void loop_malloc_counts(unsigned long *allocs, unsigned long *frees)
    __attribute__((weak));

static const struct {
    const char *name;
    loop_fn *fn;
    int fixed_n; /* the only N the function implements, or 0 */
} funcs[] = {
    {"defer", lw_defer, 0},
    {"defer16", lw_defer16, 16},
    {"hand", lw_hand, 0},
    {"hand_buf", lw_hand_buf, 0},
};

static int *buf;

static void run(loop_fn *fn, int n, unsigned long calls)
{
    for (unsigned long i = 0; i < calls; i++)
        fn(n, buf);
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int usage(void)
{
    fputs("usage: loopbench {run|time} FUNC N CALLS\n"
          "       loopbench mallocs FUNC N WARMUP CALLS\n"
          "FUNC: defer defer16 hand hand_buf\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    loop_fn *fn = NULL;
    unsigned long calls, warmup;
    int n;

    if (argc < 5)
        return usage();
    n = atoi(argv[3]);
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        if (strcmp(argv[2], funcs[i].name) == 0) {
            if (funcs[i].fixed_n != 0 && funcs[i].fixed_n != n) {
                fprintf(stderr, "loopbench: %s implements only N=%d\n",
                        funcs[i].name, funcs[i].fixed_n);
                return 2;
            }
            fn = funcs[i].fn;
        }
    if (fn == NULL || n < 1)
        return usage();
    buf = malloc((size_t)n * sizeof *buf);
    if (buf == NULL)
        return 1;

    if (strcmp(argv[1], "mallocs") == 0) {
        unsigned long a0, f0, a1, f1;

        if (argc != 6 || loop_malloc_counts == NULL)
            return usage();
        warmup = strtoul(argv[4], NULL, 10);
        calls = strtoul(argv[5], NULL, 10);
        run(fn, n, warmup);
        loop_malloc_counts(&a0, &f0);
        run(fn, n, calls);
        loop_malloc_counts(&a1, &f1);
        printf("mallocs %lu frees %lu warmup-mallocs %lu\n", a1 - a0,
               f1 - f0, a0);
        return 0;
    }
    if (argc != 5)
        return usage();
    calls = strtoul(argv[4], NULL, 10);
    if (calls == 0)
        return usage();
    if (strcmp(argv[1], "run") == 0) {
        run(fn, n, calls);
        printf("checksum %lx\n", sink_sum());
        return 0;
    }
    if (strcmp(argv[1], "time") != 0)
        return usage();
    run(fn, n, calls / 10);
    double t0 = now_ns();
    run(fn, n, calls);
    double t1 = now_ns();
    printf("ns %.4f\n", (t1 - t0) / (double)calls);
    printf("checksum %lx\n", sink_sum());
    return 0;
}
