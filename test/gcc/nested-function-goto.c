/* SPDX-License-Identifier: MIT */
// A goto from a GNU C nested function to a label of the enclosing function
// may run from any call of the nested function: into a deferred block it is
// an error at the goto, with a note at the defer, wherever the nested
// function is called; out of a deferred block of the nested function too.
// Jumps between ordinary statements stay valid.
// REQUIRES: gcc
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

void use(int);

int valid(int x) {
  __label__ done;
  void leave(void) {
    defer use(1);
    if (x)
      goto done;
  }
  defer use(2);
  leave();
  return 0;
done:
  return 1;
}

#ifndef VALID_ONLY
void into(int x) {
  __label__ in;
  void enter(void) {
    if (x)
      goto in;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
  }
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: jump enters a defer statement
  defer {
    enter();
  in:
    use(3);
  }
}

int out_of(int x) {
  __label__ done;
  void leave(void) {
    defer {
      if (x)
        goto done;
      // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
      // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: jump exits a defer statement
    }
  }
  leave();
  return 0;
done:
  return 1;
}
#endif
