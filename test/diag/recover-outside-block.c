/* SPDX-License-Identifier: MIT */
// defer_recover () outside a deferred block always returns null: the
// compiler says so at the call, in its own style (GCC's and Clang's
// warning attribute).  Inside a deferred block there is no warning.
// GCC puts the warning at the macro's definition in <defer.h>, with a note
// at the use; Clang the other way round.
// RUN: %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=warning: --check-prefix=%if gcc %{GCC%} %else %{CLANG%}
#include <defer.h>

int in_block(void) {
  defer {
    if (defer_recover())
      defer_result = 1;
  }
  return 0;
}

int in_body(void) {
  defer in_block();
  // CLANG: recover-outside-block.c:[[@LINE+3]]:{{[0-9]+}}: warning: call to '__defer_recover' declared with 'warning' attribute: defer_recover () outside a deferred block always returns a null pointer
  // GCC: warning: call to {{.}}__defer_recover{{.}} declared with attribute warning: defer_recover () outside a deferred block always returns a null pointer
  // GCC: recover-outside-block.c:[[@LINE+1]]:{{[0-9]+}}: note: in expansion of macro {{.}}defer_recover{{.}}
  return defer_recover() != 0;
}

int no_defer(void) {
  // CLANG: recover-outside-block.c:[[@LINE+3]]:{{[0-9]+}}: warning: call to '__defer_recover'
  // GCC: warning: call to {{.}}__defer_recover{{.}} declared with attribute warning: defer_recover () outside a deferred block always returns a null pointer
  // GCC: recover-outside-block.c:[[@LINE+1]]:{{[0-9]+}}: note: in expansion of macro
  return defer_recover() != 0;
}

