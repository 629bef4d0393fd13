/* SPDX-License-Identifier: MIT */
// Pooled records go on one stack per call, the frame buffer then blocks
// of the pool, and are popped by their sizes. Its edges: sites of
// different record sizes interleaved (a site number ends each record),
// a site without copies, a call whose records cross the buffer and then
// several blocks and 64 KiB chunks, a callee registering between the
// caller's records while the caller is mid-block, recursion with records
// in every frame, and a longjmp out of frames whose records cross a chunk
// boundary, repeated without the pool growing and without disturbing the
// next calls. Every record runs once, newest first, with its copies.
// With -DTHREADS=N, N threads run it all at once, each on its own pool
// (loop-stack-tools.c runs it so under the sanitizers and valgrind).
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer-runtime.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#ifndef THREADS
#define THREADS 1
#endif

static _Thread_local long ran, wrong, expect;

static void check(long got) {
  if (got != expect)
    wrong++;
  expect--;
  ran++;
}

struct wide {
  char tag;
  double d;
  long l;
};

// Four sites with 8-, 16-, 32- and 8-byte slots, taken in an order that
// depends on i, so that the pops must read each record's size.
__attribute__((noinline)) static void mixed(long n) {
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    switch (i % 4) {
    case 0: {
      int small = (int)i;
      defer check(small);
      break;
    }
    case 1: {
      double d = (double)i;
      defer check((long)d);
      break;
    }
    case 2: {
      struct wide w = {'w', (double)i, i};
      defer {
        if (w.tag != 'w' || w.d != (double)w.l)
          wrong++;
        check(w.l);
      }
      break;
    }
    default:
      defer check(expect); /* no copy: checks only the count */
      break;
    }
  }
}

// A callee registering between the caller's records while the caller's
// current block is partly filled.
__attribute__((noinline)) static void callee(long n, long *sum) {
  for (long k = 0; k < n; k++)
    defer *sum += k;
}

__attribute__((noinline)) static long interleaved(long n) {
  long inner = 0;
  expect = n - 1;
  for (long i = 0; i < n; i++) {
    defer check(i);
    if (i % 97 == 0)
      callee(i * 7, &inner);
  }
  return inner;
}

// Recursion: every frame has records in its buffer and in blocks, and
// checks at its return that the deeper frames' records have all run.
static _Thread_local long total;

__attribute__((noinline)) static void recurse(int depth, long per_frame) {
  for (long i = 0; i < per_frame; i++)
    defer total += i + depth;
  long before = total;
  if (depth > 0)
    recurse(depth - 1, per_frame);
  long want = 0;
  for (int d = 0; d < depth; d++)
    want += per_frame * (per_frame - 1) / 2 + per_frame * d;
  if (total - before != want)
    wrong++;
}

static _Thread_local jmp_buf env;
static _Thread_local long abandoned_ran;

__attribute__((noinline)) static void thrower(long n) {
  for (long i = 0; i < n; i++)
    defer abandoned_ran++;
  longjmp(env, 1);
}

__attribute__((noinline)) static void catcher(long n) {
  if (setjmp(env) == 0)
    thrower(n);
}

static void *run_all(void *arg) {
  char *out = arg;
  int at = 0;
  ran = wrong = 0;
  mixed(5);
  at += sprintf(out + at, "mixed 5: ran %ld, wrong %ld\n", ran, wrong);
  ran = wrong = 0;
  mixed(100001); /* about 1.2 MB of records: many blocks and chunks */
  at += sprintf(out + at, "mixed 100001: ran %ld, wrong %ld\n", ran, wrong);

  ran = wrong = 0;
  long inner = interleaved(3000);
  at += sprintf(out + at, "interleaved: ran %ld, wrong %ld, inner %ld\n", ran,
                wrong, inner);

  wrong = 0;
  recurse(40, 3000);
  at += sprintf(out + at, "recursion: total %ld, wrong %ld\n", total, wrong);

  /* A longjmp out of 20000 pending records (a chunk boundary crossed),
     over and over: the abandoned records never run, and the pool is back
     where it started each time. */
  catcher(20000);
  mixed(1001);
  char *first = __libdefer_pool.cur;
  long moved = 0;
  for (int r = 0; r < 200; r++) {
    catcher(20000);
    ran = wrong = 0;
    mixed(1001); /* the pool works after each jump */
    if (ran != 1001 || wrong != 0)
      moved += 1000;
    if (__libdefer_pool.cur != first)
      moved++;
  }
  sprintf(out + at, "longjmp: abandoned ran %ld, mismatches %ld\n",
          abandoned_ran, moved);
  return NULL;
}

int main(void) {
  static char out[THREADS][512];
  pthread_t t[THREADS];
  for (int k = 1; k < THREADS; k++)
    pthread_create(&t[k], NULL, run_all, out[k]);
  run_all(out[0]);
  int differ = 0;
  for (int k = 1; k < THREADS; k++) {
    pthread_join(t[k], NULL);
    differ += strcmp(out[k], out[0]) != 0;
  }
  printf("%sthreads that differ: %d\n", out[0], differ);
  return 0;
}
// CHECK: mixed 5: ran 5, wrong 0
// CHECK-NEXT: mixed 100001: ran 100001, wrong 0
// CHECK-NEXT: interleaved: ran 3000, wrong 0, inner 2179413460
// CHECK-NEXT: recursion: total 186898500, wrong 0
// CHECK-NEXT: longjmp: abandoned ran 0, mismatches 0
// CHECK-NEXT: threads that differ: 0
