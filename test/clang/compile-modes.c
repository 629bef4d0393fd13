// REQUIRES: clang
// The Clang plugin keeps the usual ways of compiling working: -c/-S,
// -fsyntax-only, -g, -flto, and -Xclang -ast-print, which shows the
// lowered function.  -E works but runs no plugin action in Clang, so its
// output keeps `defer` unexpanded (ccache, which compiles the original
// source by default, is unaffected; see the README's limits).
// RUN: %cc -E %s | FileCheck %s --check-prefix=CPP
// RUN: %cc -O2 -S %s -o %t.s && %cc -c %t.s -o %t.o && %cc %t.o -o %t.asm && %t.asm | FileCheck %s
// RUN: %cc -fsyntax-only %s
// RUN: %cc -g -O0 %s -o %t.g && %t.g | FileCheck %s
// RUN: %cc -O2 -flto %s -o %t.lto && %t.lto | FileCheck %s
// RUN: %cc -fsyntax-only -Xclang -ast-print %s | FileCheck %s --check-prefix=AST
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
// CPP: defer puts("released");
// AST-LABEL: static int work(int x)
// AST:       _Defer
// AST:       __defer_mask
// AST:       goto __defer_done;
