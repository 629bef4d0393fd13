// GCC 11's C parser takes a pragma that stands where a statement may for
// the whole statement, so the `_Defer` that is the whole body of an if,
// else, for, while or do would be parsed as a pragma, with the deferred
// statement after the if or the loop, run when the enclosing block ends.
// Under GCC 11 the plugin refuses such a body (braces make it a block of
// its own, which is what the statement means); in a block, or after a
// label, a `_Defer` is as under later releases.  The Go-style `defer`
// has no such limit (exec/loop-zero-trip.c, exec/body-if.c).
// REQUIRES: gcc-11
// RUN: not %cc -DIF -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=IF
// RUN: not %cc -DELSE -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=ELSE
// RUN: not %cc -DFOR -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FOR
// RUN: not %cc -DDO -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DO
// RUN: not %cc -fplugin-arg-defer-ts -DTS -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TS
// RUN: %cc -Wall -Werror -c %s -o /dev/null

#include <stdio.h>

void f(int c) {
#if defined(IF)
  if (c)
    _Defer puts("if");
  // IF: {{.*}}.c:[[@LINE-1]]:5: {{(fatal )?}}error: '_Defer' as the whole body of an if, else, for, while or do statement needs braces under GCC 11
#elif defined(ELSE)
  if (c) {
    puts("then");
  } else
    _Defer puts("else");
  // ELSE: {{.*}}.c:[[@LINE-1]]:5: {{(fatal )?}}error: '_Defer' as the whole body
#elif defined(FOR)
  for (int i = 0; i < c; i++)
    _Defer printf("%d\n", i);
  // FOR: {{.*}}.c:[[@LINE-1]]:5: {{(fatal )?}}error: '_Defer' as the whole body
#elif defined(DO)
  do
    _Defer puts("do");
  while (--c > 0);
  // DO: {{.*}}.c:[[@LINE-2]]:5: {{(fatal )?}}error: '_Defer' as the whole body
#elif defined(TS)
  while (c--)
    defer puts("ts");
  // TS: {{.*}}.c:[[@LINE-1]]:5: {{(fatal )?}}error: 'defer' as the whole body
#else
  if (c) {
    _Defer puts("braced");
  }
  {
    _Defer puts("block");
  }
again:
  _Defer puts("after a label");
  if (--c > 0)
    goto again;
#endif
}
