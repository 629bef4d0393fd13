/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// Under Clang, a function whose deferred block has a label runs its blocks
// at one place, on return only: the plugin warns at the first defer that
// unwinding skips them. -w silences the warning, -Werror makes it an
// error, and without unwinding support (no-unwind) there is nothing to
// warn about.
// RUN: %cc -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %cc -w -c %s -o /dev/null 2>&1 | count 0
// RUN: not %cc -Werror -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WERROR
// RUN: %cc -fplugin-arg-defer-no-unwind -c %s -o /dev/null 2>&1 | count 0
// RUN: %cc -fplugin-arg-defer-Wno-unwind -c %s -o /dev/null 2>&1 | count 0

void use(int);

int labelled(int x) {
  // CHECK: [[@LINE+2]]:3: warning: a deferred block of this function has a label, an initialised local array or a local variable-length array: under Clang its deferred blocks run on return only, not when a panic, pthread_exit or pthread_cancel unwinds it [-fplugin-arg-defer-Wunwind]
  // WERROR: [[@LINE+1]]:3: error: a deferred block of this function has a label
  defer {
  again:
    if (x-- > 0)
      goto again;
    use(x);
  }
  return x;
}

// A struct with an array member, initialised, is moved out of the block
// like any local: no warning.  A VLA stays, and warns.
struct with_array {
  int a[2];
};

int struct_member(int x) {
  defer {
    struct with_array s = {{x, x}};
    use(s.a[1]);
  }
  return x;
}

int vla(int x) {
  // CHECK: [[@LINE+1]]:3: warning: a deferred block of this function has a label, an initialised local array or a local variable-length array
  defer {
    int v[x + 1];
    v[0] = x;
    use(v[0]);
  }
  return x;
}
