/* SPDX-License-Identifier: MIT */
// __libdefer_grow, as the plugins' stacks of records call it: each new
// block starts with a link to where the stack stood (the old cursor, then
// the old base, just below the new base), the base is aligned, the block
// holds the bytes asked for after its link and ends where the pool's
// cursor is, a callee's blocks go above it, and a frame's blocks, linked
// back to its buffer, all go when it releases them: the same calls again
// hold no more memory.  Sizes up to and past a chunk.
// REQUIRES: gcc
// RUN: %cc-noplugin -O0 -g -I%runtime-include %runtime-src/pool.c %s -o %t.O0 -pthread && %t.O0 | FileCheck %s
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t.O2 -pthread && %t.O2 | FileCheck %s
// RUN: %cc-noplugin -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I%runtime-include %runtime-src/pool.c %s -o %t.asan -pthread && %t.asan | FileCheck %s
// RUN: %if valgrind %{ %cc-noplugin -O1 -g -DHEAP_COUNTING=0 -I%runtime-include %runtime-src/pool.c %s -o %t.vg -pthread && valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 %t.vg | FileCheck %s %}
// CHECK: ok

#include "Inputs/pool-test.h"

#define NOINLINE __attribute__((noinline, noclone))
#define LINK (2 * sizeof(char *))

/* BLOCKS blocks of growing sizes for one frame, filled to their ends,
   with a callee doing the same between them when DEPTH allows; then the
   links are followed back to the buffer and every block is checked.  */
static NOINLINE void frame(unsigned blocks, unsigned depth, uint32_t salt) {
  struct __defer_frame f = {0};
  _Alignas(8) char buffer[64] = {0};
  char *base = buffer + 8, *cur = base + 24;
  char *bases[64], *ends[64];
  for (unsigned k = 0; k < blocks; k++) {
    size_t size = LINK + 8 * (1 + (k * 997 + salt) % (k < 4 ? 64 : 20000));
    struct __defer_block b = __libdefer_grow(&f, base, cur, size);
    CHECK(((uintptr_t)b.base & (__DEFER_POOL_ALIGN - 1)) == 0);
    CHECK(((char **)b.base)[-1] == base);
    CHECK(((char **)b.base)[-2] == cur);
    CHECK(b.end == __libdefer_pool.cur);
    CHECK((size_t)(b.end - (b.base - LINK)) >= size);
    fill(b.base, (size_t)(b.end - b.base), salt + k);
    bases[k] = b.base;
    ends[k] = b.end;
    if (depth) {
      frame(3, depth - 1, salt * 31 + k);
      CHECK(__libdefer_pool.cur == b.end);
    }
    base = b.base;
    cur = b.base + (b.end - b.base) / 2;
  }
  for (unsigned k = blocks; k-- > 0;) {
    CHECK(base == bases[k]);
    CHECK(intact(bases[k], (size_t)(ends[k] - bases[k]), salt + k));
    base = ((char **)base)[-1];
  }
  CHECK(base == buffer + 8);
  if (f.mark_cur)
    __libdefer_release(&f);
}

static void rounds(void) {
  for (uint32_t round = 0; round < 50; round++)
    frame(1 + round % 9, round % 3, round);
  frame(40, 1, 7);
}

/* The same calls again hold no more memory once they have returned.  */
int main(void) {
  rounds();
  struct heap_stats first = heap_now();
  rounds();
  CHECK(heap_now().live_bytes == first.live_bytes);
  puts("ok");
  return 0;
}
