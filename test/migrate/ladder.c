/* SPDX-License-Identifier: MIT */
// Label ladders: each goto enters the exit path at the label that matches
// what it acquired.  Each release becomes a `defer` where it registers for
// exactly the gotos that ran it; when the success path returns before the
// ladder, the blocks are guarded by `defer_result`, which tells the two
// apart.  The converted program prints what the original prints, for
// every failure point.
// REQUIRES: defer-migrate
// RUN: %defer-migrate %s -- > %t.c
// RUN: FileCheck %s --check-prefix=TEXT < %t.c
// RUN: %defer-migrate --report %s -- | FileCheck %s --check-prefix=REPORT
// RUN: %cc %s -o %t.before && %t.before > %t.before.out
// RUN: %cc %t.c -o %t.after && %t.after > %t.after.out
// RUN: diff %t.before.out %t.after.out
// RUN: FileCheck %s --check-prefix=OUT < %t.after.out

#include <stdio.h>
#include <stdlib.h>
// TEXT: #include <stdlib.h>
// TEXT-NEXT: #include <defer.h>

static int fail_at; /* which acquisition fails, 0: none */
static int step;

static int acquire(const char *what) {
  step++;
  printf("  acquire %s%s\n", what, step == fail_at ? " (fails)" : "");
  return step == fail_at ? -step : 0;
}

static void res_release(const char *what) { printf("  release %s\n", what); }

struct pair {
  int a, b;
};

/* Error-only ladder: success returns 0 before it, each error returns err,
   which the goto's test shows is not 0. */
static int pair_init(struct pair *p) {
  int err;

  err = acquire("a");
  if (err)
    goto fail_a;
  err = acquire("b");
  if (err != 0)
    goto fail_b;
  err = acquire("c");
  if (err < 0)
    goto fail_c;
  p->a = p->b = 1;
  return 0;

fail_c:
  res_release("b");
fail_b:
  res_release("a");
fail_a:
  p->a = 0;
  return err;
}
// TEXT-LABEL: static int pair_init(struct pair *p) {
// TEXT-NEXT:   int err;
// TEXT-NEXT:   defer if (defer_result != 0) p->a = 0;
// TEXT:        err = acquire("a");
// TEXT-NEXT:   if (err)
// TEXT-NEXT:     return err;
// TEXT-NEXT:   defer if (defer_result != 0) res_release("a");
// TEXT-NEXT:   err = acquire("b");
// TEXT-NEXT:   if (err != 0)
// TEXT-NEXT:     return err;
// TEXT-NEXT:   defer if (defer_result != 0) res_release("b");
// TEXT-NEXT:   err = acquire("c");
// TEXT-NEXT:   if (err < 0)
// TEXT-NEXT:     return err;
// TEXT-NEXT:   p->a = p->b = 1;
// TEXT-NEXT:   return 0;
// TEXT-NEXT: }

/* A ladder that the success path falls into: everything is released on
   every path, and each goto skips what was not acquired yet. */
static int copy_three(size_t n) {
  int ret = -1;
  char *a, *b, *c;

  a = malloc(n);
  if (!a || acquire("a"))
    goto out;
  b = malloc(n);
  if (!b || acquire("b"))
    goto free_a;
  c = malloc(n);
  if (!c || acquire("c"))
    goto free_b;
  ret = 0;
  free(c);
  res_release("c");
free_b:
  free(b);
  res_release("b");
free_a:
  free(a);
  res_release("a");
out:
  return ret;
}
// TEXT-LABEL: static int copy_three(size_t n) {
// TEXT:        a = malloc(n);
// TEXT-NEXT:   if (!a || acquire("a"))
// TEXT-NEXT:     return ret;
// TEXT-NEXT:   defer res_release("a");
// TEXT-NEXT:   defer free(a);
// TEXT:        if (!b || acquire("b"))
// TEXT-NEXT:     return ret;
// TEXT-NEXT:   defer res_release("b");
// TEXT-NEXT:   defer free(b);
// TEXT:        if (!c || acquire("c"))
// TEXT-NEXT:     return ret;
// TEXT-NEXT:   ret = 0;
// TEXT-NEXT:   free(c);
// TEXT-NEXT:   res_release("c");
// TEXT-NEXT:   return ret;
// TEXT-NEXT: }

/* Success returns 1 and every error 0, libyaml's convention: the guard
   names the error value. */
static int scan(char **out) {
  char *name = NULL;
  char *value = NULL;

  name = malloc(8);
  if (!name || acquire("name"))
    goto error;
  value = malloc(8);
  if (!value || acquire("value"))
    goto error;
  free(name);
  *out = value;
  return 1;

error:
  free(value);
  free(name);
  return 0;
}
// TEXT-LABEL: static int scan(char **out) {
// TEXT-NEXT:   char *name = NULL;
// TEXT-NEXT:   defer if (defer_result == 0) free(name);
// TEXT-NEXT:   char *value = NULL;
// TEXT-NEXT:   defer if (defer_result == 0) free(value);
// TEXT:        return 1;
// TEXT-NEXT: }

/* The releases do not come newest declaration first: both defers go
   after the later declaration, in the order the path runs them. */
static int order(void) {
  int ret = -1;
  char *a = NULL;
  char *b = NULL;
  a = malloc(1);
  b = malloc(1);
  if (!a || !b || acquire("a and b"))
    goto cleanup;
  ret = 0;
cleanup:
  free(a);
  free(b);
  return ret;
}
// TEXT-LABEL: static int order(void) {
// TEXT-NEXT:   int ret = -1;
// TEXT-NEXT:   char *a = NULL;
// TEXT-NEXT:   char *b = NULL;
// TEXT-NEXT:   defer free(b);
// TEXT-NEXT:   defer free(a);

int main(void) {
  for (fail_at = 0; fail_at <= 3; fail_at++) {
    struct pair p = {0, 0};
    step = 0;
    printf("pair_init, failing at %d:\n", fail_at);
    printf("  -> %d\n", pair_init(&p));
    step = 0;
    printf("copy_three, failing at %d:\n", fail_at);
    printf("  -> %d\n", copy_three(4));
    step = 0;
    char *v = NULL;
    printf("scan, failing at %d:\n", fail_at);
    printf("  -> %d\n", scan(&v));
    free(v);
    step = 0;
    printf("order -> %d\n", order());
  }
  return 0;
}

// REPORT: ladder.c:{{[0-9]+}}: pair_init ('fail_c', 'fail_b', 'fail_a'): converted
// REPORT: ladder.c:{{[0-9]+}}: copy_three ('free_b', 'free_a', 'out'): converted
// REPORT: ladder.c:{{[0-9]+}}: scan ('error'): converted
// REPORT: ladder.c:{{[0-9]+}}: order ('cleanup'): converted
// REPORT: candidates 4, converted 4, refused 0

// OUT:      pair_init, failing at 0:
// OUT-NEXT:   acquire a
// OUT-NEXT:   acquire b
// OUT-NEXT:   acquire c
// OUT-NEXT:   -> 0
// OUT:      pair_init, failing at 3:
// OUT-NEXT:   acquire a
// OUT-NEXT:   acquire b
// OUT-NEXT:   acquire c (fails)
// OUT-NEXT:   release b
// OUT-NEXT:   release a
// OUT-NEXT:   -> -3
