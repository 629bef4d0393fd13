/* SPDX-License-Identifier: MIT */
// REQUIRES: clang
// -fplugin= names a loader that any Clang can load: it loads the plugin
// built for the Clang that loaded it, from the directory named after that
// Clang's major version beside it, and where there is none says in one
// line which Clangs it has a plugin for, instead of a mangled undefined
// symbol.
//
// A copy of the loader alone has a plugin for no Clang:
// RUN: rm -rf %t && mkdir -p %t/alone %t/other/18
// RUN: cp %plugin %t/alone/defer-clang.so
// RUN: not %clang -fplugin=%t/alone/defer-clang.so -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: fatal error: the defer plugin was built for no Clang and cannot be loaded into Clang [[VERSION:[0-9]+]].{{[0-9.]+}}: build it for this compiler (cmake -DDEFER_CLANG=clang-[[VERSION]])
// NONE-NOT: undefined symbol
//
// With a plugin for another major version only (a file in 18/, 91/, which
// are not this Clang), the message names them, in order:
// RUN: cp %plugin %t/other/defer-clang.so
// RUN: mkdir -p %t/other/91 && touch %t/other/18/defer-clang.so %t/other/91/defer-clang.so
// RUN: not %clang -fplugin=%t/other/defer-clang.so -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=OTHER
// OTHER: fatal error: the defer plugin was built for Clang 18, 91 and cannot be loaded into Clang
//
// The loader of the build tree loads the real plugin: defer works.
// RUN: %cc -O1 %s -o %t/ok && %t/ok | FileCheck %s
// CHECK: body
// CHECK-NEXT: deferred
#include <stdio.h>

int main(void) {
  defer puts("deferred");
  puts("body");
  return 0;
}
