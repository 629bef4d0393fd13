/* SPDX-License-Identifier: MIT */
// A variable-length array that a defer in a loop or backward-goto cycle
// would have to copy is an error at the defer naming the array. A VLA of
// the outermost block declared outside any cycle is by reference and fine,
// even for a defer in a loop, and so is a VLA in a loop body that no
// deferred block names. (vla-copy-every-error.c: both errors in one file.)
// RUN: not %cc -DLOOP -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOOP --implicit-check-not=error: --implicit-check-not=warning:
// RUN: not %cc -DCYCLE -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=CYCLE --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -Wall -Wextra -Werror -c %s -o /dev/null

void use(const char *);

void valid(int n) {
  char outer[n];
  outer[0] = 0;
  for (int i = 0; i < n; i++) {
    char scratch[i + 1];
    scratch[0] = 0;
    use(scratch);
    defer use(outer);
  }
}

#ifdef LOOP
void in_loop(int n) {
  for (int i = 0; i < n; i++) {
    char v[i + 1];
    v[0] = 0;
    defer use(v);
    // LOOP: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: variable-length array 'v' cannot be copied for a 'defer' that may run many times per call
  }
}
#endif

#ifdef CYCLE
void in_goto_cycle(int n) {
again:;
  char w[n];
  w[0] = 0;
  defer use(w);
  // CYCLE: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: variable-length array 'w' cannot be copied for a 'defer' that may run many times per call
  if (--n > 0)
    goto again;
}
#endif
