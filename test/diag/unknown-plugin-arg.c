/* SPDX-License-Identifier: MIT */
// An unknown -fplugin-arg-defer-... option is an error that names it and,
// when it is a misspelling of a known one, says which; the compilation
// stops there, under both compilers.
// RUN: not %cc -fplugin-arg-defer-bogus -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BOGUS
// RUN: not %cc -fplugin-arg-defer-bogus=1 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BOGUS
// RUN: not %cc -fplugin-arg-defer-reprot -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSPELT
// RUN: not %cc -fplugin-arg-defer-Wno-cpy -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WARNING

// BOGUS: error: unknown option '-fplugin-arg-defer-bogus{{(=1)?}}'
// BOGUS-NOT: did you mean
// BOGUS-NOT: undeclared
// MISSPELT: error: unknown option '-fplugin-arg-defer-reprot'; did you mean '-fplugin-arg-defer-report'?
// MISSPELT-NOT: undeclared
// WARNING: error: unknown option '-fplugin-arg-defer-Wno-cpy'; did you mean '-fplugin-arg-defer-Wno-copy'?

int f(void) {
  defer (void)0;
  return 0;
}
