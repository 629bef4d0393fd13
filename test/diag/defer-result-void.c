/* SPDX-License-Identifier: MIT */
// defer_result inside a deferred block of a function returning void is an
// error (there is no value being returned).
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

#include <defer.h>

static int counter;

void valid(void) {
  defer counter++;
}

#ifndef VALID_ONLY
void bad(void) {
  defer {
    counter++;
    (void)defer_result;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}function returning 'void'
  }
}
#endif
