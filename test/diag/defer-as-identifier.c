/* SPDX-License-Identifier: MIT */
// With the plugin loaded, `defer` is a statement. Code that uses the word
// as an identifier (a tag, a variable, a member, a function) gets one error
// at the word that says how to keep the identifier: -fplugin-arg-defer-no-
// keyword, which leaves `defer` alone and spells the statement `__defer`.
// RUN: not %cc -DTAG -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TAG
// RUN: not %cc -DVARIABLE -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=VARIABLE
// RUN: not %cc -DOPERAND -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPERAND
// RUN: not %cc -DMEMBER -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=MEMBER
// RUN: %cc -fplugin-arg-defer-no-keyword -DTAG -DVARIABLE -DOPERAND -DMEMBER %s -o %t && %t | FileCheck %s --check-prefix=RUNS
#include <stdio.h>

#ifdef TAG
struct defer { int x; };
// TAG: defer-as-identifier.c:[[@LINE-1]]:8: fatal error: 'defer' is a statement while the defer plugin is loaded: to use it as an identifier, compile with -fplugin-arg-defer-no-keyword, and write the statement '__defer'
#endif

#ifdef VARIABLE
static int defer = 4;
// VARIABLE: defer-as-identifier.c:[[@LINE-1]]:12: fatal error: 'defer' is a statement
#endif

#ifdef MEMBER
struct holder { int defer; };
// MEMBER: defer-as-identifier.c:[[@LINE-1]]:21: fatal error: 'defer' is a statement
#endif

int main(void) {
  int total = 0;
#ifdef OPERAND
  total = defer + 1;
// OPERAND: defer-as-identifier.c:[[@LINE-1]]:11: fatal error: 'defer' is a statement
#endif
  __defer printf("total %d\n", total);
  return 0;
}
// RUNS: total 5
