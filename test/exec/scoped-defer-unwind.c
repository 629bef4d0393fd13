/* SPDX-License-Identifier: MIT */
// A pending _Defer runs when the stack unwinds through its block: a
// panic that a Go-style deferred block recovers further up, and
// pthread_exit, as Clang's own _Defer does under -fexceptions, which the
// plugin turns on.
// REQUIRES: unwind
// RUN: %cc -O0 -pthread %s -o %t && %t | FileCheck %s
// RUN: %cc -O2 -pthread %s -o %t.O2 && %t.O2 | FileCheck %s
#include <defer.h>
#include <pthread.h>
#include <stdio.h>

static void raise_in_block(void) {
  _Defer puts("outer block of the raiser");
  {
    _Defer puts("inner block of the raiser");
    defer_panic("stop");
    puts("not reached");
  }
}

static int recovers(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    if (p)
      printf("recovered: %s\n", p->message);
  }
  {
    _Defer puts("block of the recoverer");
    raise_in_block();
  }
  return 0;
}

// A statement with a label is one copy (the plugin's lowering before
// Clang 22 jumps to it from the handler); a nested _Defer in it too.
static void one_copy_in_block(void) {
  {
    _Defer {
      _Defer puts("nested _Defer of the one copy");
      int i = 0;
    again:
      if (++i < 3)
        goto again;
      printf("one copy counted %d\n", i);
    }
    defer_panic("once more");
  }
}

static int recovers_one_copy(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    if (p)
      printf("recovered: %s\n", p->message);
  }
  one_copy_in_block();
  return 0;
}

// A local of the statement keeps its value on the unwinding path (Clang
// 22's own _Defer read it uninitialised there).
static void *thread(void *arg) {
  int n = *(int *) arg;
  {
    _Defer {
      int twice = 2 * n;
      printf("thread block %d\n", twice);
    }
    if (n == 3)
      return NULL;
    pthread_exit(NULL);
  }
  return NULL;
}

int main(void) {
  recovers();
  recovers_one_copy();
  pthread_t t;
  int n = 21;
  pthread_create(&t, NULL, thread, &n);
  pthread_join(t, NULL);
  return 0;
}
// CHECK: inner block of the raiser
// CHECK-NEXT: outer block of the raiser
// CHECK-NEXT: block of the recoverer
// CHECK-NEXT: recovered: stop
// CHECK-NEXT: one copy counted 3
// CHECK-NEXT: nested _Defer of the one copy
// CHECK-NEXT: recovered: once more
// CHECK-NEXT: thread block 42
