/* SPDX-License-Identifier: MIT */
/* defer_recover and defer_panic in odd places. */
#include <defer.h>
const defer_panic_info *gp;
void g(void) { gp = defer_recover(); }
struct big { char b[1000]; };
struct big f(int x) {
  defer { if (defer_recover()) defer_result.b[0] = 1; }
  defer { defer { (void)0; } }
  if (x) defer_panic(0);
  defer_panicf("%d %s", x);
  return (struct big){0};
}
