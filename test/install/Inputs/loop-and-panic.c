/* SPDX-License-Identifier: MIT */
/* What a program needs libdefer for: a defer in a loop, whose records come
   from libdefer's pool, and a panic that a deferred block recovers.  */
#include <defer.h>
#include <stdio.h>

static int sum(int n) {
  int total = 0;
  defer { defer_result = total; } /* registered first: runs last */
  for (int i = 0; i < n; i++)
    defer total += i;
  return -1;
}

static void check(int n) {
  if (n > 2)
    defer_panicf("%d is too many", n);
}

static int guarded(int n) {
  defer {
    const defer_panic_info *p = defer_recover();
    if (p) {
      printf("recovered: %s\n", p->message);
      defer_result = -1;
    }
  }
  check(n);
  return n;
}

int main(void) {
  printf("sum %d\n", sum(100));
  printf("guarded %d\n", guarded(3));
  return 0;
}
