/* SPDX-License-Identifier: MIT */
// -fplugin-arg-defer-version prints the project's version, the one in
// CMakeLists.txt, and the compiler the plugin was built for; the
// compilation goes on.
// RUN: %cc -fplugin-arg-defer-version -c %s -o %t.o 2>&1 | FileCheck %s -DVERSION=%defer-version
// RUN: test -f %t.o
// CHECK: defer [[VERSION]] (plugin for {{GCC|Clang}} {{[0-9]+\.[0-9]+}}

int f(void) { return 0; }
