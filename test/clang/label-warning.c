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

void use(int);

int labelled(int x) {
  // CHECK: [[@LINE+2]]:3: warning: a deferred block of this function has a label or an initialised local array: under Clang its deferred blocks run on return only, not when a panic, pthread_exit or pthread_cancel unwinds it
  // WERROR: [[@LINE+1]]:3: error: a deferred block of this function has a label
  defer {
  again:
    if (x-- > 0)
      goto again;
    use(x);
  }
  return x;
}
