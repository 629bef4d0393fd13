// defer-lower and defer-migrate are installed in <prefix>/bin and work
// from there: the lowered file builds against the installed headers and
// libdefer without the plugin, and the report names the converted exit
// path.
// REQUIRES: defer-lower, defer-migrate
// RUN: rm -rf %t.prefix && %install %t.prefix sh -c '%t.prefix/bin/defer-lower %s -o %t.lowered.c -- -I%t.prefix/include && %t.prefix/bin/defer-migrate --report %S/../migrate/converted.c -- > %t.report'
// RUN: %gcc -I%t.prefix/include %t.lowered.c -o %t -L%t.prefix/lib -Wl,-rpath,%t.prefix/lib -ldefer && %t | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// REPORT: first_line ('out'): converted

#include <stdio.h>

int main(void) {
  for (int i = 0; i < 3; i++)
    defer printf("%d\n", i);
  puts("main");
  return 0;
}

// CHECK:      main
// CHECK-NEXT: 2
// CHECK-NEXT: 1
// CHECK-NEXT: 0
