/* SPDX-License-Identifier: MIT */
/* defer_result in odd places: file scope, void functions, nested blocks,
   address taken, in a loop defer, as an lvalue of the wrong type. */
#include <defer.h>
int *p = &defer_result;
void v(void) { defer defer_result = 1; }
int f(int x) {
  defer { int *q = &defer_result; *q = 2; }
  for (int i = 0; i < x; i++)
    defer defer_result += i;
  defer { struct { int a; } s = defer_result; (void)s; }
  return defer_result;
}
