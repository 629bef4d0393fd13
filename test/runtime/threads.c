/* SPDX-License-Identifier: MIT */
// libdefer's record pool, and the blocks generated code bumps from, are per
// thread: 8 threads (and the main thread) at once, each pushing 1,000,000
// records in one frame and running many small nested frames inside and
// after it, each checking its own records; then exiting, which frees the
// thread's chunks. Under ThreadSanitizer and AddressSanitizer; valgrind.c
// runs the same program under valgrind.
// REQUIRES: gcc
// RUN: %cc-noplugin -O1 -g -fsanitize=thread -I%runtime-include %runtime-src/pool.c %s -o %t.tsan -pthread && env TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s

#include <pthread.h>

#include "Inputs/pool-test.h"

#ifndef THREADS
#define THREADS 8
#endif
#ifndef BIG /* records in each thread's big frame */
#define BIG 1000000
#endif
#ifndef SMALL /* small nested calls per thread */
#define SMALL 20000
#endif

/* The big frame's records: the header and a tag naming thread and index,
   24 bytes each.  */
struct tagged {
  struct __defer_record hdr;
  uint64_t tag;
};

static uint32_t small_seed(int thread, int k, int depth, int i) {
  return mix((uint32_t)thread * 0x9e3779b9U + (uint32_t)k) +
         (uint32_t)depth * 64 + (uint32_t)i;
}

/* A small function: 1 to 7 records of 24 to 120 bytes, and a call to
   itself DEPTH more times between them; every other one takes its storage
   as generated code does, bumping from blocks of the pool.  */
static size_t small(int thread, int k, int depth) {
  struct fn fn = {{0}, NULL, NULL};
  size_t n = 0;
  int count = (k + depth) % 7 + 1;
  for (int i = 0; i < count; i++) {
    size_t size = 24 + 8 * (size_t)((k + i) % 13);
    uint32_t seed = small_seed(thread, k, depth, i);
    if (k & 1)
      push_fn(&fn, (unsigned)i, size, seed);
    else
      push_rec(&fn.frame, (unsigned)i, size, seed);
    if (i == count / 2 && depth > 0)
      n += small(thread, k, depth - 1);
  }
  return n + frame_return(&fn.frame);
}

static size_t smalls(int thread, int from, int to) {
  size_t n = 0;
  for (int k = from; k < to; k++)
    n += small(thread, k, k % 4);
  return n;
}

static pthread_barrier_t start;

static void *work(void *arg) {
  int thread = (int)(intptr_t)arg;
  uint64_t base = (uint64_t)thread << 32;
  size_t n = 0;
  pthread_barrier_wait(&start);

  /* The big frame bumps its records inline from blocks the library
     reserves, as generated code does.  */
  struct fn fn = {{0}, NULL, NULL};
  for (uint64_t i = 0; i < BIG; i++) {
    struct tagged *r = take(&fn, sizeof *r);
    r->tag = base | i;
    r->hdr.site = (unsigned)i;
    r->hdr.next = fn.frame.top;
    fn.frame.top = &r->hdr;
    if (i % (BIG / 4) == BIG / 8)
      n += smalls(thread, 0, SMALL / 8);
  }
  uint64_t expect = BIG;
  for (struct __defer_record *h = fn.frame.top; h; h = h->next) {
    expect--;
    CHECK(((struct tagged *)h)->tag == (base | expect));
    CHECK(h->site == (unsigned)expect);
  }
  CHECK(expect == 0);
  __libdefer_release(&fn.frame);

  n += smalls(thread, SMALL / 2, SMALL);
  return (void *)(uintptr_t)n;
}

int main(void) {
  static char outbuf[4096]; /* so that printf allocates nothing */
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

#ifdef POOL_BEFORE_THREADS
  /* Helgrind does not understand pthread_once's lock-free fast path: the
     threads' reads of the key that the pool's first use created look like
     races.  The first use of the pool is then made before the threads
     exist (ThreadSanitizer checks the concurrent first use).  */
  small(0, 0, 0);
#endif

  pthread_t t[THREADS];
  CHECK(pthread_barrier_init(&start, NULL, THREADS) == 0);
  struct heap_stats before = heap_now();
  for (int i = 0; i < THREADS; i++)
    CHECK(pthread_create(&t[i], NULL, work, (void *)(intptr_t)(i + 1)) == 0);

  /* The main thread's own records, meanwhile.  */
  size_t main_records = smalls(0, 0, SMALL);

  size_t small_records = 0;
  for (int i = 0; i < THREADS; i++) {
    void *n;
    CHECK(pthread_join(t[i], &n) == 0);
    small_records += (size_t)(uintptr_t)n;
  }
  CHECK(small_records > (size_t)THREADS * (SMALL / 2 + SMALL / 8));
  CHECK(main_records > SMALL);
  printf("%d threads x %d records: intact\n", THREADS, BIG);

  /* What the threads allocated went with them: what is left is the main
     thread's pool, at most its chunk and 2 spares.  (Counting blocks of a
     chunk's size: glibc keeps small blocks of exited threads, such as the
     TLS vectors of the stacks it caches.)  */
  struct heap_stats after = heap_now();
  if (HEAP_COUNTING) {
    CHECK(after.allocs - before.allocs > THREADS * (BIG / 4096)); /* seen */
    CHECK(after.live_large - before.live_large <= 3);
  }
  printf("thread pools freed at exit\n");
  return 0;
}

// CHECK: {{[0-9]+}} threads x {{[0-9]+}} records: intact
// CHECK-NEXT: thread pools freed at exit
