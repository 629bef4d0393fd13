/* SPDX-License-Identifier: MIT */
// Loops whose records go on the call's stack test for room before each
// push; when the compiler can count a loop's passes, it runs a copy
// without those tests if the passes' records fit (docs/ARCHITECTURE.md,
// "Loops without room tests").  Each program below attacks what that
// copy trusts: the pass count (break, a counter moved in the body or
// through asm, a limit a call changes, wrapping and downward counters),
// the bytes per pass (two sites, a conditional one, records of several
// sizes, nested loops), and the room on entry (a second loop, callees
// using the pool in between, counts around the frame buffer's end).
// Each `defer` is preceded by a log of the value it copies, and its
// deferred call logs the same value: each function's deferred log must be
// the reverse of the first.  Built with -DSTINGY, libdefer's grow is
// wrapped to hand out exactly the bytes asked for, giving the rest back to
// the pool: a loop that asked for too few then writes over later records
// or past its chunk, which the logs or AddressSanitizer show.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O1 %s -o %t.O1 && %t.O1 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines
// RUN: %cc -O2 -DSTINGY -Wl,--wrap=__libdefer_grow %if clang %{-fverify-intermediate-code%} %s -o %t.stingy && %t.stingy | FileCheck %s --match-full-lines
// RUN: %cc -O3 %s -o %t.O3 && %t.O3 | FileCheck %s --match-full-lines
// RUN: %cc -Os %s -o %t.Os && %t.Os | FileCheck %s --match-full-lines
// RUN: %cc -O2 -flto %s -o %t.lto && %t.lto | FileCheck %s --match-full-lines
// RUN: %if asan %{ %cc -O2 -DSTINGY -Wl,--wrap=__libdefer_grow -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.asan && %t.asan | FileCheck %s --match-full-lines %}
// RUN: %if valgrind %{ %cc -O2 -DSTINGY -Wl,--wrap=__libdefer_grow %s -o %t.vg && valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 %t.vg | FileCheck %s --match-full-lines %}
// CHECK: ok

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef STINGY
#include <defer-runtime.h>

struct __defer_block __real___libdefer_grow(struct __defer_frame *, char *,
                                            char *, size_t);

/* The block ends where the bytes asked for do: its link (two pointers)
   sits below the base, the rest goes back to the pool.  */
struct __defer_block __wrap___libdefer_grow(struct __defer_frame *f,
                                            char *base, char *cur,
                                            size_t size) {
  struct __defer_block b = __real___libdefer_grow(f, base, cur, size);
  char *end = b.base - 2 * sizeof(char *) + size;
  end += -(size_t)end % __DEFER_POOL_ALIGN;
  if (end < b.end) {
    b.end = end;
    __libdefer_pool.cur = end;
  }
  return b;
}
#endif

enum { MAX = 1 << 21 };
static long pushed[MAX], ran[MAX];
static int npushed, nran, failures;

__attribute__((noinline)) static void push(long v) {
  if (npushed == MAX)
    abort();
  pushed[npushed++] = v;
}

__attribute__((noinline)) static void note(long v) {
  if (nran == MAX)
    abort();
  ran[nran++] = v;
}

struct wide {
  long a, b, c;
};

__attribute__((noinline)) static void note_wide(struct wide w) {
  note(w.a + w.b + w.c);
}

/* The log of the call just made is the reverse of its pushes.  */
static void check(const char *what, long arg) {
  int ok = npushed == nran;
  for (int k = 0; ok && k < npushed; k++)
    ok = ran[k] == pushed[npushed - 1 - k];
  if (!ok) {
    printf("FAIL %s(%ld): %d pushed, %d ran\n", what, arg, npushed, nran);
    failures++;
  }
  npushed = nran = 0;
}

__attribute__((noinline)) static void up(int n) {
  for (int i = 0; i < n; i++) {
    push(i);
    defer note(i);
  }
}

__attribute__((noinline)) static void two_sites(int n) {
  for (int i = 0; i < n; i++) {
    push(i);
    defer note(i);
    if (i % 3 == 0) {
      push(-i);
      defer note(-i);
    }
  }
}

__attribute__((noinline)) static void sizes(int n) {
  for (int i = 0; i < n; i++) {
    char c = (char)i;
    struct wide w = {i, 2 * i, 3 * i};
    short s = (short)-i;
    push(c);
    defer note(c);
    push(6 * i);
    defer note_wide(w);
    push(s);
    defer note(s);
  }
}

__attribute__((noinline)) static void breaks(int n, int at) {
  for (int i = 0; i < n; i++) {
    if (i == at)
      break;
    push(i);
    defer note(i);
  }
}

__attribute__((noinline)) static void moved_counter(int n) {
  int back = 0;
  for (int i = 0; i < n; i++) {
    /* the loop runs more passes than its header says */
    if (i % 5 == 4 && back++ < n)
      i -= 2;
    push(i);
    defer note(i);
  }
}

__attribute__((noinline)) static void laundered(int n) {
  for (int i = 0; i < n; i++) {
    if (i % 7 == 0)
      __asm__ volatile("" : "+r"(i));
    push(i);
    defer note(i);
  }
}

static int limit;

__attribute__((noinline)) static void raise_limit(void) {
  if (limit < 100)
    limit += 2;
}

__attribute__((noinline)) static void moving_limit(int n) {
  limit = n;
  for (int i = 0; i < limit; i++) {
    push(i);
    defer note(i);
    raise_limit();
  }
}

__attribute__((noinline)) static void down(int n) {
  for (int i = n; i > 0; i -= 3) {
    push(i);
    defer note(i);
  }
}

__attribute__((noinline)) static void wrapping(unsigned start, unsigned n) {
  for (unsigned u = start; u != start + n; u++) {
    push((long)u);
    defer note((long)u);
  }
}

__attribute__((noinline)) static void nested(int n, int m) {
  for (int i = 0; i < n; i++) {
    push(1000 * i);
    defer note(1000 * i);
    for (int j = 0; j < m; j++) {
      push(1000 * i + j + 1);
      defer note(1000 * i + j + 1);
    }
  }
}

__attribute__((noinline)) static void two_loops(int n, int m) {
  for (int i = 0; i < n; i++) {
    push(i);
    defer note(i);
  }
  for (int j = 0; j < m; j++) {
    push(-j - 1);
    defer note(-j - 1);
  }
}

static long helper_sum;

static void add(long v) { helper_sum += v; }

/* Uses the pool itself when N passes its frame buffer.  */
__attribute__((noinline)) static void helper(int n) {
  for (int i = 0; i < n; i++)
    defer add(i);
}

__attribute__((noinline)) static void callee_in_between(int n) {
  for (int i = 0; i < n; i++) {
    push(i);
    defer note(i);
    helper(i % 90);
  }
}

__attribute__((noinline)) static void pointers(const long *a, int n) {
  for (const long *p = a; p < a + n; p++) {
    push(*p);
    defer note(*p);
  }
}

__attribute__((noinline)) static void statement_expression(int n) {
  for (int i = 0; ({
         int t = i;
         t < n;
       });
       i++) {
    push(i);
    defer note(i);
  }
}

int main(void) {
  static const int counts[] = {0,   1,   2,   15,  16,  29,   30,   31,
                               32,  33,  40,  63,  64,  65,   100,  127,
                               128, 129, 255, 256, 257, 1000, 4096, 5000};
  static long values[6000];
  for (int k = 0; k < 6000; k++)
    values[k] = 7 * k + 1;
  for (unsigned k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    int n = counts[k];
    up(n);
    check("up", n);
    two_sites(n);
    check("two_sites", n);
    sizes(n);
    check("sizes", n);
    breaks(n, n / 2);
    check("breaks", n);
    breaks(1 << 30, n);
    check("breaks_far", n);
    moved_counter(n);
    check("moved_counter", n);
    laundered(n);
    check("laundered", n);
    moving_limit(n % 80);
    check("moving_limit", n);
    down(n);
    check("down", n);
    wrapping(4294967295u - (unsigned)n / 2, (unsigned)n);
    check("wrapping", n);
    nested(n % 40, n % 7);
    check("nested", n);
    two_loops(n, n % 50);
    check("two_loops", n);
    two_loops(n % 20, n);
    check("two_loops_rev", n);
    callee_in_between(n % 300);
    check("callee_in_between", n);
    pointers(values, n);
    check("pointers", n);
    statement_expression(n);
    check("statement_expression", n);
  }
  up(1 << 20);
  check("up", 1 << 20);
  if (helper_sum == 0)
    failures++;
  puts(failures ? "FAILED" : "ok");
  return failures != 0;
}
