/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind, meson
// Meson finds the installed plugin through pkg-config
// (dependency('defer-<compiler>')), and the program it builds, with a loop
// defer and a recovered panic, runs with nothing but PATH in its
// environment, installed too: Meson keeps the run path the .pc file gives.
// A C++ program takes only the link flags, its C part being a library of
// its own (Meson gives a dependency's -fplugin to every language).
//
// RUN: rm -rf %t.prefix %t.src %t.build %t.installed && %install %t.prefix
// RUN: cp -r %S/Inputs/meson-project %t.src && cp %S/Inputs/loop-and-panic.c %S/Inputs/c-part.c %S/Inputs/main.cpp %t.src/
// RUN: env CC=%compiler CXX=%cxx PKG_CONFIG_PATH=%t.prefix/lib/pkgconfig meson setup %t.build %t.src -Ddefer=%defer-pc --prefix=%t.installed > %t.setup.log
// RUN: meson compile -C %t.build > /dev/null
// RUN: env -i PATH="$PATH" %t.build/prog | FileCheck %s
// RUN: meson install -C %t.build > /dev/null
// RUN: env -i PATH="$PATH" %t.installed/bin/prog | FileCheck %s
// RUN: env -i PATH="$PATH" %t.build/mixed | FileCheck %s
// RUN: env -i PATH="$PATH" %t.installed/bin/mixed | FileCheck %s
// CHECK: sum 4950
// CHECK-NEXT: recovered: 3 is too many
// CHECK-NEXT: guarded -1
