// defer_result used outside a deferred block (in the function body, or in a
// function without defers) is an error.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

#include <defer.h>

int valid(int x) {
  defer {
    if (defer_result < 0)
      defer_result = 0;
  }
  return x;
}

#ifndef VALID_ONLY
int in_body(int x) {
  defer x = 0;
  defer_result = 1;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}outside a deferred block
  return x;
}

int no_defer(int x) {
  return x + defer_result;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}outside a deferred block
}
#endif
