/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// Installed into a new prefix, the flags of `pkg-config --cflags --libs
// defer-<compiler>` alone build a program with a loop defer (records from
// libdefer's pool) and a recovered panic, which then runs with nothing in
// its environment but PATH: the .pc file gives the run path.  The flags
// work before the source file as well as after it, under --as-needed too
// (Debian's gcc links with it by default).  The build tree's
// defer-<compiler>-uninstalled.pc does the same.  libdefer is installed
// with a versioned soname, which is what the program depends on, and
// cppcheck's library file beside the docs.
//
// RUN: rm -rf %t.prefix && %install %t.prefix
// RUN: PKG_CONFIG_PATH=%t.prefix/lib/pkgconfig pkg-config --cflags --libs %defer-pc > %t.flags
// RUN: FileCheck %s --check-prefix=FLAGS < %t.flags
// RUN: test -f %t.prefix/share/defer/defer.cfg
// FLAGS: -fplugin={{[^ ]*}}.prefix/lib/{{gcc-plugin/[0-9]+/defer|clang-plugin/defer-clang}}.so -I{{[^ ]*}}.prefix/include -L{{[^ ]*}}.prefix/lib -Wl,-rpath,{{[^ ]*}}.prefix/lib -Wl,--push-state,--no-as-needed -ldefer -Wl,--pop-state
//
// RUN: %compiler -O2 $(cat %t.flags) %S/Inputs/loop-and-panic.c -o %t.before
// RUN: %compiler -O2 %S/Inputs/loop-and-panic.c $(cat %t.flags) -o %t.after
// RUN: %compiler -O2 -Wl,--as-needed $(cat %t.flags) %S/Inputs/loop-and-panic.c -o %t.as-needed
// RUN: env -i PATH="$PATH" %t.before | FileCheck %s
// RUN: env -i PATH="$PATH" %t.after | FileCheck %s
// RUN: env -i PATH="$PATH" %t.as-needed | FileCheck %s
// CHECK: sum 4950
// CHECK-NEXT: recovered: 3 is too many
// CHECK-NEXT: guarded -1
//
// RUN: readelf -d %t.prefix/lib/libdefer.so | FileCheck %s --check-prefix=SONAME
// RUN: readelf -d %t.before | FileCheck %s --check-prefix=NEEDED
// RUN: cd %t.prefix/lib && soname=$(readlink libdefer.so) && echo "$soname -> $(readlink $soname)" | FileCheck %s --check-prefix=LINKS
// SONAME: (SONAME) {{.*}} [libdefer.so.[[ABI:[0-9]+]]]
// NEEDED: (NEEDED) {{.*}} [libdefer.so.{{[0-9]+}}]
// LINKS: {{^}}libdefer.so.[[ABI:[0-9]+]] -> libdefer.so.[[ABI]].{{[0-9]+\.[0-9]+\.[0-9]+$}}
//
// RUN: PKG_CONFIG_PATH=%obj-root pkg-config --cflags --libs %defer-pc > %t.build-flags
// RUN: %compiler -O2 $(cat %t.build-flags) %S/Inputs/loop-and-panic.c -o %t.build-tree
// RUN: env -i PATH="$PATH" %t.build-tree | FileCheck %s
