/* SPDX-License-Identifier: MIT */
// libdefer's record pool, the basics: storage is aligned to
// __DEFER_POOL_ALIGN, distinct and writable over its whole size; frames
// nest (a recursion 100 deep, each level with pooled records) and give
// their storage back last in, first out, so the next allocation reuses
// exactly the memory just released.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s

#include "Inputs/pool-test.h"

enum { DEPTH = 100 };

/* Per run, per depth: the first record of the frame at that depth, the
   pool position its frame saved (frame.mark_cur), and the record its caller
   pushed after it returned.  */
static void *first[2][DEPTH + 1];
static void *mark[2][DEPTH + 1];
static void *after_child[2][DEPTH + 1];
static size_t records;

/* A function with 1 to 5 pooled records, calling itself down to DEPTH; after
   the callee returns it pushes one more record, which must land where the
   callee's storage began.  All of it fits in one chunk (6 records of at
   most 80 bytes per level), so no chunk boundary moves anything.  */
static void nested(int run, int depth) {
  struct __defer_frame f = {0};
  int n = depth % 5 + 1;
  for (int i = 0; i < n; i++) {
    struct rec *r = push_rec(&f, (unsigned)i, 24 + 8 * ((depth + i) % 7),
                             (uint32_t)(depth * 8 + i));
    if (i == 0) {
      first[run][depth] = r;
      mark[run][depth] = f.mark_cur;
    }
  }
  if (depth < DEPTH) {
    nested(run, depth + 1);
    after_child[run][depth] =
        push_rec(&f, (unsigned)n, 40, (uint32_t)(depth * 8 + n));
  }
  records += frame_return(&f);
}

/* Raw allocations of 1 to 100 bytes in one frame: aligned, not
   overlapping (each is filled entirely, then all are checked).  */
static void sizes(void) {
  struct __defer_frame f = {0};
  void *p[101];
  for (size_t n = 1; n <= 100; n++) {
    p[n] = alloc_checked(&f, n);
    for (size_t m = 1; m < n; m++)
      CHECK(p[m] != p[n]);
    fill(p[n], n, (uint32_t)n);
  }
  for (size_t n = 1; n <= 100; n++)
    CHECK(intact(p[n], n, (uint32_t)n));
  __libdefer_release(&f);
  printf("sizes 1..100: aligned, distinct, intact\n");
}

/* The first allocation of a frame: where it lands, and what the frame
   then holds.  */
static void *probe(void) {
  struct __defer_frame f = {0};
  CHECK(f.mark_cur == NULL);
  void *p = alloc_checked(&f, 16);
  CHECK(f.mark_chunk != NULL);
  __libdefer_release(&f);
  return p;
}

int main(void) {
  void *before = probe();
  CHECK(probe() == before);

  nested(0, 0);
  printf("nested: depth %d, %zu records\n", DEPTH, records);
  // CHECK: nested: depth 100, 401 records
  CHECK(first[0][0] == before);

  int reused = 0;
  for (int d = 0; d < DEPTH; d++) {
    CHECK((char *)mark[0][d + 1] <= (char *)first[0][d + 1]);
    CHECK((char *)first[0][d + 1] - (char *)mark[0][d + 1] < 256);
    reused += after_child[0][d] == mark[0][d + 1];
  }
  printf("record pushed after a callee returned, where the callee's "
         "storage began: %d of %d\n", reused, DEPTH);
  // CHECK: where the callee's storage began: 100 of 100

  records = 0;
  nested(1, 0);
  int same = 0;
  for (int d = 0; d <= DEPTH; d++)
    same += first[1][d] == first[0][d];
  printf("second run, same storage at each depth: %d of %d\n", same,
         DEPTH + 1);
  // CHECK: second run, same storage at each depth: 101 of 101
  CHECK(probe() == before);

  sizes();
  // CHECK: sizes 1..100: aligned, distinct, intact
  CHECK(probe() == before);
  return 0;
}
