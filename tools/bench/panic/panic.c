/* SPDX-License-Identifier: MIT */
/* Panic and recover through DEPTH frames, each with a pending defer, the
 * way Go's benchmark in tools/bench/go/panic_test.go does it: the
 * outermost function recovers in its deferred block.
 *
 * usage: panicbench DEPTH CALLS   prints "ns <per panic-and-recover>" and
 *                                 a checksum of the deferred blocks' work */
#include <defer.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile long sink;

__attribute__((noinline)) static void descend(int depth) {
    defer sink++;
    if (depth <= 1)
        defer_panic("bottom");
    descend(depth - 1);
}

__attribute__((noinline)) static int recover_from(int depth) {
    defer {
        if (defer_recover())
            defer_result = 1;
    }
    descend(depth);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s DEPTH CALLS\n", argv[0]);
        return 1;
    }
    int depth = atoi(argv[1]);
    long calls = atol(argv[2]), recovered = 0;
    for (long i = 0; i < calls / 10 + 1; i++) /* warm-up */
        recovered += recover_from(depth);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < calls; i++)
        recovered += recover_from(depth);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("ns %.1f\nsum %ld %ld\n", ns / calls, recovered, sink);
    return 0;
}
