/* SPDX-License-Identifier: MIT */
// Two functions whose frames have the same size, called by turns from one
// caller and each leaving by a longjmp to it, keep the pool bounded: their
// marks are taken from the same stack position, and since every marking
// function has a stack frame of its own, the older of two such marks is
// stale when the newer is taken (docs/REFERENCE.md, "The run-time lowering" wants the heap
// bounded however often functions are abandoned).
// REQUIRES: gcc
// RUN: %cc-noplugin -O2 -I%runtime-include %runtime-src/pool.c %s -o %t -pthread && %t | FileCheck %s

#include <setjmp.h>

#include "Inputs/pool-test.h"

#define NOINLINE __attribute__((noinline, noclone))

static jmp_buf out;

/* Alike but for where the frame object sits in the stack frame.  */
static NOINLINE __attribute__((noreturn)) void abandon_a(void) {
  struct {
    struct __defer_frame f;
    volatile char pad[64];
  } l = {0};
  l.pad[0] = 1;
  for (unsigned i = 0; i < 4; i++)
    push_rec(&l.f, i, 64, i);
  longjmp(out, 1);
}

static NOINLINE __attribute__((noreturn)) void abandon_b(void) {
  struct {
    volatile char pad[64];
    struct __defer_frame f;
  } l = {0};
  l.pad[0] = 1;
  for (unsigned i = 0; i < 4; i++)
    push_rec(&l.f, i, 64, i);
  longjmp(out, 1);
}

int main(void) {
  struct heap_stats base = heap_now();
  long growth = 0;
  for (volatile int i = 0; i < 100000; i++) {
    if (setjmp(out) == 0) {
      if (i & 1)
        abandon_a();
      else
        abandon_b();
    }
    if (i % 1000 == 0) {
      growth = heap_now().live_bytes - base.live_bytes;
      if (growth >= 1 << 20)
        break;
    }
  }
  printf("100000 abandonments by turns: heap growth %s 1 MiB\n",
         growth < 1 << 20 ? "below" : "OVER");
  // CHECK: 100000 abandonments by turns: heap growth below 1 MiB
  return 0;
}
