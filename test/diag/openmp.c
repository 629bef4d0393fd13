/* SPDX-License-Identifier: MIT */
// With -fopenmp, a defer inside an OpenMP construct is an error at the
// defer, with a note at the construct (its body runs in other threads or
// in a function of its own), and so is an OpenMP construct inside a
// deferred block, with a note at the defer.  A defer beside a construct
// is fine.
// RUN: not %cc -fopenmp -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -fopenmp -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

void use(int);

int valid(int n) {
  defer use(0);
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    use(i);
  return n;
}

#ifndef VALID_ONLY
void in_construct(int n) {
#pragma omp parallel
  {
    defer use(n);
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: 'defer' statement inside an OpenMP construct is not supported
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: OpenMP construct is here
  }
}

int in_block(int n) {
  defer {
#pragma omp parallel
    use(n);
    // CHECK: {{.*}}.c:[[@LINE-2]]:{{[0-9]+}}: error: OpenMP construct inside a deferred block is not supported
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: 'defer' statement is here
  }
  return n;
}
#endif
