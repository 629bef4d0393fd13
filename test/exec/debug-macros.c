// With -g3 and -ggdb3 the compiler records every macro definition in the
// debug information, the predefined ones included.  The `defer` macros are
// predefined like the compiler's own: a unit compiles at these levels, with
// or without a `defer` in it, also through -E and -save-temps.  Under GCC
// the debugger then knows them (Clang records macros only with
// -fdebug-macro).
// RUN: %cc -g3 -c -x c /dev/null -o %t.empty.o
// RUN: %cc -ggdb3 -c -x c /dev/null -o %t.empty.o
// RUN: %cc -g3 -O0 %s -o %t.g3 && %t.g3 | FileCheck %s
// RUN: %cc -ggdb3 -O2 %s -o %t.ggdb3 && %t.ggdb3 | FileCheck %s
// RUN: %cc -g3 -E %s -o %t.i && %cc -g3 -O0 -c %t.i -o %t.i.o && %cc %t.i.o -o %t.pp && %t.pp | FileCheck %s
// RUN: %cc -ggdb3 -E -dD %s -o %t.dD.i && FileCheck %s --check-prefix=DD < %t.dD.i
// RUN: %cc -ggdb3 -O0 -c %t.dD.i -o %t.dD.o && %cc %t.dD.o -o %t.dD && %t.dD | FileCheck %s
// RUN: rm -rf %t.temps && mkdir -p %t.temps && cd %t.temps && %cc -g3 -save-temps %s -o %t.st && %t.st | FileCheck %s
// RUN: %if gcc && gdb %{ gdb -nx -batch -ex 'break work' -ex run -ex 'info macro defer' -ex 'info macro __DEFER__' %t.g3 2>&1 | FileCheck %s --check-prefix=GDB %}
#include <defer.h>
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

// The definitions that -dD keeps: every `defer` below them is expanded.
// DD:     #define defer
// DD:     for (; __defer_site (); ) puts("released");

// GDB:      -Ddefer=_Pragma("defer site") for (; __defer_site (); )
// GDB-NEXT: Defined at
// GDB-NEXT: -D__DEFER__=1
