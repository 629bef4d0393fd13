/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A panic unwinds frame by frame, running every pending deferred block once,
// innermost frame first and newest first; defer_recover () in a deferred
// block of a frame the panic unwinds stops it there: that function finishes
// its deferred blocks and returns defer_result to its caller.  What the
// panic carries comes back from defer_recover (); elsewhere it returns null.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <defer.h>
#include <stdio.h>
#include <string.h>

static int token = 42;

static int raise_at(int depth, int kind) {
  defer printf("  raise_at(%d) deferred\n", depth);
  if (depth > 0)
    return raise_at(depth - 1, kind) + 1;
  if (kind == 3)
    return 0;
  if (kind == 0)
    defer_panic("plain");
  if (kind == 1)
    defer_panicf("formatted %d-%s", 7, "x");
  defer_panic_data("with data", &token);
}

/* Recovers in its own deferred block. */
static int own(void) {
  defer {
    const defer_panic_info *p = defer_recover();
    printf("  own: recovered '%s' in %s\n", p ? p->message : "(none)",
           p ? p->function : "-");
    defer_result = 5;
  }
  defer puts("  own: newer block");
  defer_panic("own panic");
  return 1;
}

/* Recovers several frames up; the result is what the blocks leave. */
static long up(int depth, int kind) {
  defer puts("  up: older block runs after the recover");
  defer {
    const defer_panic_info *p = defer_recover();
    if (p) {
      printf("  up: recovered '%s' data=%d line>0=%d file=%s\n", p->message,
             p->data ? *(int *)p->data : -1, p->line > 0,
             strstr(p->file, "panic-recover.c") ? "ok" : p->file);
      defer_result = -depth;
    }
  }
  defer printf("  up: newest block\n");
  return raise_at(depth, kind) * 100L;
}

/* A deferred block that runs on a normal return gets null, even while a
   panic unwinds an outer frame. */
static void inner_normal(void) {
  defer printf("  inner_normal: recover gives %s\n",
               defer_recover() ? "a panic" : "null");
}

static double outer_unwinding(void) {
  defer {
    inner_normal();
    const defer_panic_info *p = defer_recover();
    printf("  outer_unwinding: %s\n", p ? p->message : "null");
    defer_result = 2.5;
  }
  defer_panic("outer");
  return 0;
}

static void *pointer_result(void) {
  defer { if (defer_recover()) defer_result = &token; }
  defer_panic("pointer");
  return NULL;
}

struct big { long v[6]; };

/* A result returned through memory: the caller gets defer_result, zero
   until a block sets it, as a Go function's named result. */
static struct big struct_result(void) {
  struct big r = {{1, 2, 3, 4, 5, 6}};
  defer {
    if (defer_recover())
      defer_result.v[5] = 60;
  }
  defer_panic("struct");
  return r;
}

static void void_result(int *ran) {
  defer { if (defer_recover()) *ran = 1; }
  defer_panic("void");
}

int main(void) {
  puts("own:");
  printf("own returned %d\n", own());
  puts("up 0:");
  printf("up returned %ld\n", up(0, 0));
  puts("up 3:");
  printf("up returned %ld\n", up(3, 1));
  puts("up 1:");
  printf("up returned %ld\n", up(1, 2));
  puts("no panic:");
  printf("up returned %ld\n", up(0, 3));
  puts("outer_unwinding:");
  printf("returned %.1f\n", outer_unwinding());
  printf("pointer: %s\n", pointer_result() == &token ? "ok" : "wrong");
  struct big b = struct_result();
  printf("struct: %ld %ld\n", b.v[0], b.v[5]);
  int ran = 0;
  void_result(&ran);
  printf("void: %d\n", ran);
  puts("done");
  return 0;
}

// CHECK:      own:
// CHECK-NEXT:   own: newer block
// CHECK-NEXT:   own: recovered 'own panic' in own
// CHECK-NEXT: own returned 5
// CHECK-NEXT: up 0:
// CHECK-NEXT:   raise_at(0) deferred
// CHECK-NEXT:   up: newest block
// CHECK-NEXT:   up: recovered 'plain' data=-1 line>0=1 file=ok
// CHECK-NEXT:   up: older block runs after the recover
// CHECK-NEXT: up returned 0
// CHECK-NEXT: up 3:
// CHECK-NEXT:   raise_at(0) deferred
// CHECK-NEXT:   raise_at(1) deferred
// CHECK-NEXT:   raise_at(2) deferred
// CHECK-NEXT:   raise_at(3) deferred
// CHECK-NEXT:   up: newest block
// CHECK-NEXT:   up: recovered 'formatted 7-x' data=-1 line>0=1 file=ok
// CHECK-NEXT:   up: older block runs after the recover
// CHECK-NEXT: up returned -3
// CHECK-NEXT: up 1:
// CHECK-NEXT:   raise_at(0) deferred
// CHECK-NEXT:   raise_at(1) deferred
// CHECK-NEXT:   up: newest block
// CHECK-NEXT:   up: recovered 'with data' data=42 line>0=1 file=ok
// CHECK-NEXT:   up: older block runs after the recover
// CHECK-NEXT: up returned -1
// CHECK-NEXT: no panic:
// CHECK-NEXT:   raise_at(0) deferred
// CHECK-NEXT:   up: newest block
// CHECK-NEXT:   up: older block runs after the recover
// CHECK-NEXT: up returned 0
// CHECK-NEXT: outer_unwinding:
// CHECK-NEXT:   inner_normal: recover gives null
// CHECK-NEXT:   outer_unwinding: outer
// CHECK-NEXT: returned 2.5
// CHECK-NEXT: pointer: ok
// CHECK-NEXT: struct: 0 60
// CHECK-NEXT: void: 1
// CHECK-NEXT: done
