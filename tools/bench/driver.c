/* SPDX-License-Identifier: MIT */
/* Benchmark driver, identical for every variant (built without the plugin).
 *
 *   bench list                    names of the workloads, one a line
 *   bench run  WORKLOAD CALLS     CALLS calls, then the checksum line
 *   bench time WORKLOAD CALLS     CALLS/10 warm-up calls, then CALLS timed
 *                                 calls; prints "ns <per call>" and checksum
 *
 * Inputs come from a fixed-seed 64-bit LCG, so every run of every variant
 * sees the same sequence.  Under callgrind, run.sh collects only inside the
 * workload function, so this loop and process start-up are not counted. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

struct workload {
    const char *name;
    int (*fn)(unsigned);
};

#define BENCH_ENTRY(name) {#name, wl_##name},
static const struct workload workloads[] = {BENCH_WORKLOADS(BENCH_ENTRY)};
#undef BENCH_ENTRY

#define NWORKLOADS (sizeof workloads / sizeof workloads[0])

static unsigned long run(int (*fn)(unsigned), unsigned long calls)
{
    uint64_t state = 0x2545f4914f6cdd1dULL;
    unsigned long sum = 0;

    for (unsigned long i = 0; i < calls; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        sum = sum * 31 + (unsigned)fn((unsigned)(state >> 32));
    }
    return sum;
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void print_checksum(unsigned long sum)
{
    unsigned long opens, closes, trace;

    bench_stats(&opens, &closes, &trace);
    printf("checksum %lx opens %lu closes %lu trace %lx\n", sum, opens,
           closes, trace);
}

static int usage(void)
{
    fputs("usage: bench list | bench {run|time} WORKLOAD CALLS\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const struct workload *w = NULL;
    unsigned long calls, sum;
    double t0, t1;

    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < NWORKLOADS; i++)
            puts(workloads[i].name);
        return 0;
    }
    if (argc != 4)
        return usage();
    for (size_t i = 0; i < NWORKLOADS; i++)
        if (strcmp(argv[2], workloads[i].name) == 0)
            w = &workloads[i];
    calls = strtoul(argv[3], NULL, 10);
    if (w == NULL || calls == 0)
        return usage();

    if (strcmp(argv[1], "run") == 0) {
        print_checksum(run(w->fn, calls));
        return 0;
    }
    if (strcmp(argv[1], "time") != 0)
        return usage();
    sum = run(w->fn, calls / 10);
    t0 = now_ns();
    sum += run(w->fn, calls);
    t1 = now_ns();
    printf("ns %.3f\n", (t1 - t0) / (double)calls);
    print_checksum(sum);
    return 0;
}
