/* SPDX-License-Identifier: MIT */
// An unlock on the exit path becomes a `defer` right after the lock it
// matches, when the lock is taken in the function's outermost block
// before every goto that reaches the unlock and nothing else in the
// function unlocks it; functions and statement-wide macros alike.  The
// converted program prints what the original prints, and the mutex is
// free after each call.
// REQUIRES: defer-migrate
// RUN: %defer-migrate %s -- > %t.c
// RUN: FileCheck %s --check-prefix=TEXT < %t.c
// RUN: %defer-migrate --report %s -- | FileCheck %s --check-prefix=REPORT
// RUN: %cc %s -o %t.before -lpthread && %t.before > %t.before.out
// RUN: %cc %t.c -o %t.after -lpthread && %t.after > %t.after.out
// RUN: diff %t.before.out %t.after.out
// RUN: FileCheck %s --check-prefix=OUT < %t.after.out

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int counter;

struct buffer {
  pthread_mutex_t lock;
  int len;
};
#define BUFFER_LOCK(b) pthread_mutex_lock(&(b)->lock)
#define BUFFER_UNLOCK(b) do { pthread_mutex_unlock(&(b)->lock); } while (0)

static int bump(int n) {
  int ret = -1;

  pthread_mutex_lock(&mu);
  if (n < 0)
    goto out;
  counter += n;
  ret = counter;
out:
  pthread_mutex_unlock(&mu);
  return ret;
}
// TEXT-LABEL: static int bump(int n) {
// TEXT:        pthread_mutex_lock(&mu);
// TEXT-NEXT:   defer pthread_mutex_unlock(&mu);
// TEXT-NEXT:   if (n < 0)
// TEXT-NEXT:     return ret;

static int append(struct buffer *b, int n) {
  int result = 0;
  char *tmp = NULL;

  BUFFER_LOCK(b);
  if (n == 0)
    goto done;
  tmp = malloc(16);
  if (!tmp) {
    result = -1;
    goto done;
  }
  b->len += n;
  result = b->len;
done:
  free(tmp);
  BUFFER_UNLOCK(b);
  return result;
}
// The path frees, then unlocks: both defers follow the lock.
// TEXT-LABEL: static int append(struct buffer *b, int n) {
// TEXT-NEXT:   int result = 0;
// TEXT-NEXT:   char *tmp = NULL;
// TEXT-EMPTY:
// TEXT-NEXT:   BUFFER_LOCK(b);
// TEXT-NEXT:   defer BUFFER_UNLOCK(b);
// TEXT-NEXT:   defer free(tmp);
// TEXT-NEXT:   if (n == 0)
// TEXT-NEXT:     return result;

/* Held on one path only: the goto before the lock would unlock a mutex
   the function does not hold. */
static int early(int n) {
  int ret = -1;
  if (n < 0)
    goto out;
  pthread_mutex_lock(&mu);
  ret = n;
out:
  pthread_mutex_unlock(&mu);
  return ret;
}

/* The lock is released in the body too, then the goto unlocks again. */
static int twice(int n) {
  int ret = -1;
  pthread_mutex_lock(&mu);
  if (n > 0) {
    pthread_mutex_unlock(&mu);
    goto out;
  }
  ret = n;
out:
  pthread_mutex_unlock(&mu);
  return ret;
}

/* Taken under a condition: not held on every path to the label. */
static int maybe(int n) {
  int ret = -1;
  if (n > 0)
    pthread_mutex_lock(&mu);
  ret = n;
  goto out;
out:
  pthread_mutex_unlock(&mu);
  return ret;
}

/* The same, with the unlock in the body written by a macro. */
#define DROP(m) pthread_mutex_unlock(m)
static int hidden(int n) {
  int ret = -1;
  pthread_mutex_lock(&mu);
  if (n > 0) {
    DROP(&mu);
    goto out;
  }
  ret = n;
out:
  pthread_mutex_unlock(&mu);
  return ret;
}

static int is_free(pthread_mutex_t *m) {
  if (pthread_mutex_trylock(m) != 0)
    return 0;
  pthread_mutex_unlock(m);
  return 1;
}

int main(void) {
  struct buffer b = {PTHREAD_MUTEX_INITIALIZER, 0};
  printf("bump %d, free %d\n", bump(2), is_free(&mu));
  printf("bump %d, free %d\n", bump(-1), is_free(&mu));
  printf("append %d, free %d\n", append(&b, 3), is_free(&b.lock));
  printf("append %d, free %d\n", append(&b, 0), is_free(&b.lock));
  printf("early %d, free %d\n", early(1), is_free(&mu));
  printf("twice %d, free %d\n", twice(0), is_free(&mu));
  printf("maybe %d, free %d\n", maybe(1), is_free(&mu));
  printf("hidden %d, free %d\n", hidden(0), is_free(&mu));
  return 0;
}

// REPORT: lock.c:{{[0-9]+}}: bump ('out'): converted
// REPORT: lock.c:{{[0-9]+}}: append ('done'): converted
// REPORT: lock.c:[[#@LINE-68]]: early ('out'): refused: 'pthread_mutex_unlock (&mu)' releases what the function may not hold on every path to the label: a goto at line [[#@LINE-71]] comes before the lock at line [[#@LINE-70]]
// REPORT: lock.c:{{[0-9]+}}: twice ('out'): refused: 'pthread_mutex_unlock (&mu)' releases what the function may not hold on every path to the label: the function also unlocks elsewhere
// REPORT: lock.c:{{[0-9]+}}: maybe ('out'): refused: 'pthread_mutex_unlock (&mu)' releases what the function may not hold on every path to the label: no statement of its outermost block takes the lock
// REPORT: lock.c:{{[0-9]+}}: hidden ('out'): refused: 'pthread_mutex_unlock (&mu)' releases what the function may not hold on every path to the label: the function also unlocks elsewhere
// REPORT: candidates 6, converted 2, refused 4

// OUT:      bump 2, free 1
// OUT-NEXT: bump -1, free 1
// OUT-NEXT: append 3, free 1
// OUT-NEXT: append 0, free 1
