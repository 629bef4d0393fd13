// defer_result used outside a deferred block is an error: in the function
// body, in a function without defers, at file scope, in sizeof or typeof
// before the function's first defer (which declares it), and in a nested
// function (GCC).  Where the name is the file-scope one of <defer.h>, the
// compiler itself says it is unavailable (GCC 12 and later, Clang).  Once
// the first defer has declared it, an operand that is never evaluated
// (sizeof, typeof) may name it anywhere in the function.
// GCC 11 has no unavailable attribute: there, the plugin refuses the uses
// in a function's code, and those that are never evaluated, which the
// front end folds before the plugin sees them, pass (UNAVAILABLE lines).
// RUN: not %cc -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK%if !gcc-11 %{,UNAVAILABLE%} --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %if gcc %{ not %cc -DNESTED -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NESTED %}
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null

#include <defer.h>

int valid(int x) {
  defer {
    if (defer_result < 0)
      defer_result = 0;
  }
  __typeof__(defer_result) copy = (int)sizeof(defer_result);
  return x + copy;
}

#ifdef NESTED
int outer(int x) {
  defer defer_result = 2;
  int inner(void) { return defer_result; }
  // NESTED: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: 'defer_result' used outside a deferred block
  return inner() + x;
}
#elif !defined(VALID_ONLY)
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

int file_scope = sizeof(defer_result);
// UNAVAILABLE: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}outside a deferred block

int before_first(int x) {
  __typeof__(defer_result) y = (int)sizeof(defer_result);
  // UNAVAILABLE: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}outside a deferred block
  // UNAVAILABLE: {{.*}}.c:[[@LINE-2]]:{{[0-9]+}}: error: {{.*}}defer_result{{.*}}outside a deferred block
  defer y = 0;
  return x + y;
}
#endif
