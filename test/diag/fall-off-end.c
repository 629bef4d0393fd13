/* SPDX-License-Identifier: MIT */
// Falling off the end of a non-void function with a defer is defined: it
// returns defer_result (zero unless a deferred block sets it).  Neither
// compiler warns that such a function does not return a value; both still
// warn for a function without defer.
// RUN: %cc -Wall -Wextra -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

void g(void);

int with_defer(int x) {
  defer g();
  if (x)
    return 1;
}

int with_guarded_defer(int x) {
  if (x)
    defer g();
}

int without_defer(int x) {
  if (x)
    return 1;
}
// CHECK: {{.*}}.c:[[@LINE-1]]:1: warning: {{.*}} [-Wreturn-type]
