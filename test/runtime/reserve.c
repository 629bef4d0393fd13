/* SPDX-License-Identifier: MIT */
// The blocks that __libdefer_reserve hands out, which generated code bumps
// its records from without calling the library: a block is the frame's
// alone (a callee's storage goes above it, and the pool's cursor is back
// at the block's end when the callee returns); blocks grow, so a frame
// calls the library a few times plus about once per 16 KiB; records stay
// intact across blocks and chunks, and storage bigger than a chunk works.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s

#include "Inputs/pool-test.h"

#define NOINLINE __attribute__((noinline, noclone))

static size_t round_up(size_t n) {
  return (n + __DEFER_POOL_ALIGN - 1) & ~(size_t)(__DEFER_POOL_ALIGN - 1);
}

/* Record sizes the plugins would make: multiples of the granularity.  */
static size_t size_of(unsigned i) { return round_up(24 + (i * 37) % 200); }

/* N records, calling CALLEE_N-record callees every 100 records; checks that
   after each callee returns the cursor is where this function left it:
   the end of its block.  */
static NOINLINE size_t records(unsigned n, unsigned callee_n, uint32_t salt) {
  struct fn fn = {{0}, NULL, NULL};
  size_t got = 0;
  for (unsigned i = 0; i < n; i++) {
    push_fn(&fn, i, size_of(i), salt + i);
    if (callee_n && i % 100 == 50) {
      char *before = __libdefer_pool.cur;
      got += records(callee_n, 0, salt * 7 + i);
      CHECK(__libdefer_pool.cur == before);
    }
  }
  return got + frame_return(&fn.frame);
}

/* A record of SIZE bytes between small ones: it does not fit inline.  */
static NOINLINE size_t big_between(size_t size) {
  struct fn fn = {{0}, NULL, NULL};
  push_fn(&fn, 0, 48, 1);
  push_fn(&fn, 1, size, 2);
  push_fn(&fn, 2, 48, 3);
  return frame_return(&fn.frame);
}

static NOINLINE void *first_storage(void) {
  struct fn fn = {{0}, NULL, NULL};
  void *p = take(&fn, 32);
  __libdefer_release(&fn.frame);
  return p;
}

int main(void) {
  static char outbuf[4096]; /* so that printf allocates nothing */
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

  void *start = first_storage();

  /* One frame, 24-byte records: blocks of 256, 512 ... 16384 bytes after
     the first record, then 16 KiB each, or less where a chunk ends.  */
  for (unsigned n = 1; n <= 1u << 20; n *= 32) {
    marking_calls = refill_calls = 0;
    struct fn fn = {{0}, NULL, NULL};
    for (unsigned i = 0; i < n; i++)
      push_fn(&fn, i, sizeof(struct rec), i);
    CHECK(frame_return(&fn.frame) == n);
    long bytes = (long)(sizeof(struct rec) * n), at_most = 8 + 2 * (bytes / 16384);
    printf("%u records: %ld call to mark, %s\n", n, marking_calls,
           refill_calls <= at_most ? "refills within bound"
                                   : "TOO MANY REFILLS");
  }
  // CHECK: 1 records: 1 call to mark, refills within bound
  // CHECK: 32 records: 1 call to mark, refills within bound
  // CHECK: 1024 records: 1 call to mark, refills within bound
  // CHECK: 32768 records: 1 call to mark, refills within bound
  // CHECK: 1048576 records: 1 call to mark, refills within bound
  CHECK(first_storage() == start);

  marking_calls = refill_calls = 0;
  size_t n = records(100000, 300, 1);
  /* About 127 bytes a record: 51 MB in 775 chunks.  The big frame's 12.7
     MB take about 800 blocks of 16 KiB; each callee's 38 KB some 8.  */
  printf("%zu records in 1001 frames; library calls: %ld to mark, %s\n", n,
         marking_calls,
         refill_calls >= 775 && refill_calls <= 800 + 1000 * 10
             ? "refills within bound"
             : "TOO MANY OR FEW refills");
  // CHECK: 400000 records in 1001 frames; library calls: 1001 to mark, refills within bound
  CHECK(first_storage() == start);

  printf("records bigger than a chunk: %zu, %zu intact\n",
         big_between(64 * 1024 + 8), big_between(1 << 20));
  // CHECK: records bigger than a chunk: 3, 3 intact
  CHECK(first_storage() == start);

  records(1000, 100, 2); /* warm up: chunks for what follows */
  struct heap_stats before = heap_now();
  for (int k = 0; k < 200; k++)
    records(1000, 100, 3);
  printf("200 calls x 2000 records: %ld mallocs\n",
         heap_now().allocs - before.allocs);
  // CHECK: 200 calls x 2000 records: 0 mallocs
  return 0;
}
