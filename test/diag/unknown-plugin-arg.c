// An unknown -fplugin-arg-defer-... option is an error that names it.
// REQUIRES: gcc
// RUN: not %cc -fplugin-arg-defer-bogus -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cc -fplugin-arg-defer-bogus=1 -c %s -o /dev/null 2>&1 | FileCheck %s

// CHECK: error: {{.*}}bogus

int f(void) { return 0; }
