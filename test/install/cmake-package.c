/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// A CMake project finds the installed package with only
// -DCMAKE_PREFIX_PATH=<prefix> (find_package(defer ... COMPONENTS
// <compiler>)), and linking defer::<compiler> is all a target needs to
// build a program with a loop defer and a recovered panic that runs with
// nothing but PATH in its environment, installed too.  In a target of C
// and C++ sources, only the C ones get the plugin.  The build tree's
// package (build/cmake) does the same.  A plugin that is not installed is
// a missing component.
//
// RUN: rm -rf %t.prefix %t.c %t.c-installed %t.cxx %t.build-tree %t.missing && %install %t.prefix
// RUN: cmake -S %S/Inputs/cmake-project -B %t.c -DCMAKE_PREFIX_PATH=%t.prefix -DDEFER_PLUGIN=%defer-name -DCMAKE_C_COMPILER=%compiler -DCMAKE_INSTALL_PREFIX=%t.c-installed > /dev/null
// RUN: cmake --build %t.c > /dev/null
// RUN: env -i PATH="$PATH" %t.c/c_only | FileCheck %s
// RUN: cmake --install %t.c > /dev/null
// RUN: env -i PATH="$PATH" %t.c-installed/bin/c_only | FileCheck %s
// CHECK: sum 4950
// CHECK-NEXT: recovered: 3 is too many
// CHECK-NEXT: guarded -1
//
// RUN: cmake -S %S/Inputs/cmake-project -B %t.cxx -DCMAKE_PREFIX_PATH=%t.prefix -DDEFER_PLUGIN=%defer-name -DCMAKE_C_COMPILER=%compiler -DCMAKE_CXX_COMPILER=%cxx -DWITH_CXX=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > /dev/null
// RUN: cmake --build %t.cxx > /dev/null
// RUN: env -i PATH="$PATH" %t.cxx/mixed | FileCheck %s
// RUN: grep '"command".*c-part\.c' %t.cxx/compile_commands.json | FileCheck %s --check-prefix=C-COMMAND
// RUN: grep '"command".*main\.cpp' %t.cxx/compile_commands.json | FileCheck %s --check-prefix=CXX-COMMAND
// C-COMMAND: -fplugin={{[^ ]*}}.prefix/lib/{{gcc|clang}}-plugin/{{[^ ]*}}.so
// CXX-COMMAND-NOT: -fplugin
// CXX-COMMAND: main.cpp
//
// RUN: cmake -S %S/Inputs/cmake-project -B %t.build-tree -DCMAKE_PREFIX_PATH=%obj-root -DDEFER_PLUGIN=%defer-name -DCMAKE_C_COMPILER=%compiler > /dev/null
// RUN: cmake --build %t.build-tree > /dev/null
// RUN: env -i PATH="$PATH" %t.build-tree/c_only | FileCheck %s
//
// RUN: not cmake -S %S/Inputs/cmake-project -B %t.missing -DCMAKE_PREFIX_PATH=%t.prefix -DDEFER_PLUGIN=gcc-99 -DCMAKE_C_COMPILER=%compiler 2>&1 | tr -s ' \n' '  ' | FileCheck %s --check-prefix=MISSING
// MISSING: no plugin 'gcc-99' in {{.*}}.prefix/lib/cmake/defer (plugins found: {{clang, gcc|gcc, clang|gcc|clang}})
