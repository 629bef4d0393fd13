/* SPDX-License-Identifier: MIT */
// Every variable-length array that a loop or cycle defer would have to copy
// is reported, not only the first one in the file.
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

void use(const char *);

void in_loop(int n) {
  for (int i = 0; i < n; i++) {
    char v[i + 1];
    v[0] = 0;
    defer use(v);
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: variable-length array 'v' cannot be copied for a 'defer' that may run many times per call
  }
}

void in_goto_cycle(int n) {
again:;
  char w[n];
  w[0] = 0;
  defer use(w);
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: variable-length array 'w' cannot be copied for a 'defer' that may run many times per call
  if (--n > 0)
    goto again;
}
