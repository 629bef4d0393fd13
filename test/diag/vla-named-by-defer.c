/* SPDX-License-Identifier: MIT */
// A variable-length array that a deferred block names but that would need a
// lifetime extension (declared in an inner block) is an error naming the
// array; a VLA of the outermost block is fine.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

void use(const char *);

void valid(int n) {
  char outer[n];
  outer[0] = 0;
  defer use(outer);
}

#ifndef VALID_ONLY
void bad(int n) {
  if (n) {
    char inner[n];
    inner[0] = 0;
    defer use(inner);
  }
  // CHECK: {{.*}}.c:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}}'inner'
}
#endif
