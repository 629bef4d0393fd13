/* SPDX-License-Identifier: MIT */
// libdefer's record pool across chunk boundaries: allocations of 1 to 5000
// bytes filling many 64 KiB chunks, records larger than a chunk, spare
// chunks reused by later frames whatever their size, and nested frames
// whose records straddle chunks. Every byte of every allocation is written
// with a pattern and checked before the storage is given back.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s

#include "Inputs/pool-test.h"

enum { CHUNK = 64 * 1024, MAXSIZE = 5000 };

static void *p[MAXSIZE + 1];

/* One frame, allocations of every size from 1 to 5000 bytes (12.5 MB in
   all), ascending or descending.  Returns how many times an allocation
   did not follow the previous one: the chunk boundaries crossed.  */
static int every_size(int descending, uint32_t salt) {
  struct __defer_frame f = {0};
  int jumps = 0;
  char *prev_end = NULL;
  for (int k = 1; k <= MAXSIZE; k++) {
    int n = descending ? MAXSIZE + 1 - k : k;
    p[n] = alloc_checked(&f, (size_t)n);
    if (prev_end && (char *)p[n] != prev_end)
      jumps++;
    prev_end = (char *)p[n] + ((n + 15) & ~15);
    fill(p[n], (size_t)n, salt + (uint32_t)n);
  }
  for (int n = 1; n <= MAXSIZE; n++)
    CHECK(intact(p[n], (size_t)n, salt + (uint32_t)n));
  __libdefer_release(&f);
  return jumps;
}

/* Records larger than a chunk, between small ones, in one frame.  */
static const size_t mixed[] = {
    100,       CHUNK - 32, CHUNK,   CHUNK + 1, 48,        100000,
    1 << 20,   32,         CHUNK,   3 << 20,   CHUNK - 1, 16,
    200000,    16,         17,      CHUNK * 2, 5000,      1,
};
enum { NMIXED = sizeof mixed / sizeof mixed[0] };

static void big_records(uint32_t salt) {
  struct __defer_frame f = {0};
  void *q[NMIXED];
  for (int i = 0; i < NMIXED; i++) {
    q[i] = alloc_checked(&f, mixed[i]);
    fill(q[i], mixed[i], salt + (uint32_t)i);
  }
  for (int i = 0; i < NMIXED; i++)
    CHECK(intact(q[i], mixed[i], salt + (uint32_t)i));
  __libdefer_release(&f);
}

/* A frame whose first record is SIZE bytes, then COUNT records of 48.  */
static void one_big_then_small(size_t size, int count, uint32_t salt) {
  struct __defer_frame f = {0};
  push_rec(&f, 0, size, salt);
  for (int i = 1; i <= count; i++)
    push_rec(&f, (unsigned)i, 48, salt + (uint32_t)i);
  CHECK(frame_return(&f) == (size_t)count + 1);
}

/* Nested frames, each with 40 records of about 1000 bytes (40 KB, so most
   levels cross a chunk boundary), pushing more records after the callee
   returns; each level's records are checked at its return.  */
static size_t nested_records;

static void nested(int depth) {
  struct __defer_frame f = {0};
  unsigned site = 0;
  for (int i = 0; i < 40; i++, site++)
    push_rec(&f, site, 990 + (size_t)((i * 7 + depth) % 40),
             (uint32_t)(depth * 100 + i));
  if (depth < 50)
    nested(depth + 1);
  for (int i = 40; i < 60; i++, site++)
    push_rec(&f, site, 2000 + (size_t)depth, (uint32_t)(depth * 100 + i));
  nested_records += frame_return(&f);
}

int main(void) {
  int jumps = every_size(0, 0);
  printf("sizes 1..5000 ascending: intact, %s 150 chunks\n",
         jumps >= 150 ? "over" : "UNDER");
  // CHECK: sizes 1..5000 ascending: intact, over 150 chunks
  jumps = every_size(1, 7777);
  printf("sizes 5000..1 descending: intact, %s 150 chunks\n",
         jumps >= 150 ? "over" : "UNDER");
  // CHECK: sizes 5000..1 descending: intact, over 150 chunks

  for (uint32_t round = 0; round < 3; round++)
    big_records(round * 1000);
  printf("records of up to 3 MiB among small ones: intact\n");
  // CHECK: records of up to 3 MiB among small ones: intact

  /* Spare chunks of all sizes come back: a big one reused for small
     records, a small one passed over for a bigger record.  */
  one_big_then_small(1 << 20, 100, 1);
  one_big_then_small(48, 100000, 2);
  one_big_then_small(4 << 20, 10, 3);
  one_big_then_small(CHUNK + 16, 3000, 4);
  one_big_then_small(48, 3000, 5);
  printf("spare chunks reused: intact\n");
  // CHECK: spare chunks reused: intact

  nested(0);
  nested(0);
  printf("nested across chunks: %zu records, intact\n", nested_records);
  // CHECK: nested across chunks: 6120 records, intact
  return 0;
}
