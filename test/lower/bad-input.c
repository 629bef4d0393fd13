// Code that does not compile, and the language's own errors, are
// diagnostics with a location, as under the plugin, and no output.
// REQUIRES: defer-lower
// RUN: not %defer-lower %s -- -DBROKEN 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not %defer-lower %s -- 2>&1 | FileCheck %s --check-prefix=RULE
// RUN: not %defer-lower %s %s -- 2>&1 | FileCheck %s --check-prefix=TWO

int f(int n) {
#ifdef BROKEN
  // SYNTAX: bad-input.c:[[@LINE+1]]:{{[0-9]+}}: error: expected ';'
  defer n = 1 n = 2;
#endif
  defer {
    // RULE: bad-input.c:[[@LINE+1]]:5: error: cannot return from a defer statement
    return n;
  }
  return 0;
}

// TWO: defer-lower: give one C source file
