/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// The Clang plugin keeps the usual ways of compiling working: -c/-S,
// -E (its output compiles on its own), -save-temps, -fsyntax-only, -g,
// -flto, and -Xclang -ast-print, which shows the lowered function.  Clang
// runs no plugin action under -E: <defer.h> asks the plugin's pragma
// handler for the macros instead, so a file that uses `defer` without
// including <defer.h> keeps it unexpanded under -E (docs/REFERENCE.md, "Limits").
// RUN: %cc -E %s -o %t.i && FileCheck %s --check-prefix=CPP < %t.i
// RUN: %cc -O2 -c %t.i -o %t.i.o && %cc %t.i.o -o %t.pp && %t.pp | FileCheck %s
// RUN: mkdir -p %t.temps && cd %t.temps && %cc -save-temps %s -o %t.st && %t.st | FileCheck %s
// RUN: %cc -E -DNO_HEADER %s | FileCheck %s --check-prefix=RAW
// RUN: %cc -O2 -S %s -o %t.s && %cc -c %t.s -o %t.o && %cc %t.o -o %t.asm && %t.asm | FileCheck %s
// RUN: %cc -fsyntax-only %s
// RUN: %cc -g -O0 %s -o %t.g && %t.g | FileCheck %s
// RUN: %cc -O2 -flto %s -o %t.lto && %t.lto | FileCheck %s
// RUN: %cc -fsyntax-only -Xclang -ast-print %s | FileCheck %s --check-prefix=AST
#ifndef NO_HEADER
#include <defer.h>
#endif
#include <stdio.h>

static int work(int x) {
  defer puts("released");
  return x * 2;
}

int main(void) {
  printf("%d\n", work(21));
  return 0;
}
// CHECK:      released
// CHECK-NEXT: 42
// CPP:     for (; __defer_site (); ) puts("released");
// CPP-NOT: defer enable
// RAW:     defer puts("released");
// AST-LABEL: static int work(int x)
// AST:       {{_Defer|try}}
// AST-DAG:   puts("released");
// AST-DAG:   goto __defer_{{done|run0}};
