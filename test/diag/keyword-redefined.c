/* SPDX-License-Identifier: MIT */
// While the plugin's `defer` is active, a #define of the word in the code
// would silently change what every later `defer` means: it stops at the
// definition with the option that gives the word away. <stddefer.h> is the
// common case: the project's own says to use -fplugin-arg-defer-ts (the
// TS's block-scoped `defer`), and so does the redefinition when Clang's
// -fdefer-ts defines the TS's macro for it; with
// -fplugin-arg-defer-no-keyword its block-scoped `defer` and the plugin's
// `__defer` live side by side.  `__defer` and the plugin's `_Defer` cannot
// be redefined at all.
// RUN: not %cc -DUSER -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=USER
// RUN: not %cc -DUNDERSCORES -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNDERSCORES
// RUN: not %cc -fplugin-arg-defer-no-keyword -DUNDERSCORES -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNDERSCORES
// RUN: %cc -fplugin-arg-defer-no-keyword -DUSER -DRUN %s -o %t && %t | FileCheck %s --check-prefix=OWN
// RUN: not %cc -DSTDDEFER -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-TS
// RUN: %if native-defer-ts %{ not %cc -fdefer-ts -DSTDDEFER -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=STDDEFER %}
// RUN: %if gcc %{ not %cc -DSCOPED -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCOPED %}
// RUN: %if native-defer-ts %{ %cc -fdefer-ts -fplugin-arg-defer-no-keyword -DSTDDEFER -DRUN %s -o %t.ts && %t.ts | FileCheck %s --check-prefix=BOTH %}
#include <stdio.h>

#ifdef STDDEFER
#include <stddefer.h>
// NO-TS: stddefer.h:{{[0-9]+}}:{{([0-9]+:)?}} error: {{(#error )?}}"<stddefer.h> needs the TS's block-scoped defer: compile with -fplugin-arg-defer-ts (the defer plugin's Go-style statement is then '__defer')"
// STDDEFER: stddefer.h:{{[0-9]+}}:{{([0-9]+:)?}} fatal error: 'defer' is redefined as '_Defer' (<stddefer.h> does this) while the defer plugin's Go-style 'defer' is active: for the TS's block-scoped 'defer', compile with -fplugin-arg-defer-ts (the Go-style statement is then '__defer')
#endif

#ifdef USER
#define defer(x) ((x) * 2)
// USER: keyword-redefined.c:[[@LINE-1]]:{{([0-9]+:)?}} fatal error: 'defer' is redefined while the defer plugin's 'defer' is active
#endif

#ifdef SCOPED
#define _Defer ;
// SCOPED: keyword-redefined.c:[[@LINE-1]]:{{([0-9]+:)?}} fatal error: '_Defer' is the defer plugin's statement and cannot be redefined while the plugin is loaded
#endif

#ifdef UNDERSCORES
#define __defer ;
// UNDERSCORES: keyword-redefined.c:[[@LINE-1]]:{{([0-9]+:)?}} fatal error: '__defer' is the defer plugin's statement and cannot be redefined while the plugin is loaded
#endif

#ifdef RUN
int main(void) {
  __defer puts("function");
#ifdef STDDEFER
  {
    defer puts("block");
    puts("in block");
  }
#else
  printf("%d\n", defer(21));
#endif
  puts("end of body");
  return 0;
}
#endif
// OWN:      42
// OWN-NEXT: end of body
// OWN-NEXT: function
// BOTH:      in block
// BOTH-NEXT: block
// BOTH-NEXT: end of body
// BOTH-NEXT: function
