/* SPDX-License-Identifier: MIT */
// libdefer's record pool in a steady state makes no malloc: once warmed
// up, 1000 calls that each push 1024 pooled records (more than one chunk)
// neither allocate nor free. After one call with 1,000,000 records the
// pool keeps only its current chunk and at most 2 spares.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -fsanitize=undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.ubsan -pthread && %t.ubsan | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s

#include "Inputs/pool-test.h"

/* A function pushing N records of SIZE bytes, calling itself once more
   halfway through when NESTED is set.  */
static void call(long n, size_t size, int nested) {
  struct __defer_frame f = {0};
  for (long i = 0; i < n; i++) {
    push_rec(&f, (unsigned)i, size, (uint32_t)i);
    if (nested && i == n / 2)
      call(n / 4, size, 0);
  }
  CHECK(frame_return(&f) == (size_t)n);
}

int main(void) {
  static char outbuf[4096]; /* so that printf allocates nothing */
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

  /* Nothing allocated yet by the pool: the baseline of live blocks.  */
  struct heap_stats base = heap_now();

  call(1024, 64, 1); /* 64 KiB of records and a nested call: 2 chunks */
  struct heap_stats warm = heap_now();
  printf("warm-up allocated: %s\n",
         warm.allocs > base.allocs ? "yes" : "NO, heap not counted");
  // CHECK: warm-up allocated: yes

  for (int k = 0; k < 1000; k++)
    call(1024, 64, k & 1);
  struct heap_stats steady = heap_now();
  printf("1000 calls x 1024 records: %ld mallocs, %ld frees\n",
         steady.allocs - warm.allocs, steady.frees - warm.frees);
  // CHECK: 1000 calls x 1024 records: 0 mallocs, 0 frees

  call(1000000, 32, 1); /* 32 MB of records: about 500 chunks */
  struct heap_stats big = heap_now();
  long kept = big.live_blocks - base.live_blocks;
  long kept_kib = (big.live_bytes - base.live_bytes) / 1024;
  printf("after 1000000 records: %ld chunks kept, %ld KiB, %s\n", kept,
         kept_kib, big.frees - steady.frees > 400 ? "the rest freed" : "?");
  // CHECK: after 1000000 records: {{[123]}} chunks kept, {{[0-9]+}} KiB, the rest freed
  CHECK(kept_kib <= 3 * 65);

  /* And the chunks kept are enough for the same 1000 calls again.  */
  for (int k = 0; k < 1000; k++)
    call(1024, 64, k & 1);
  struct heap_stats again = heap_now();
  printf("again 1000 calls x 1024 records: %ld mallocs\n",
         again.allocs - big.allocs);
  // CHECK: again 1000 calls x 1024 records: 0 mallocs
  return 0;
}
