/* SPDX-License-Identifier: MIT */
// `cmake --build <build> --target uninstall` removes every file the last
// install put (build/install_manifest.txt) and the project's directories
// it leaves empty: no file is left in the prefix.  An install made with
// DESTDIR is removed with the same DESTDIR.
//
// RUN: rm -rf %t.prefix && %install %t.prefix sh -c 'test -f %t.prefix/include/defer.h && cmake --build %obj-root --target uninstall > %t.log'
// RUN: FileCheck %s < %t.log
// CHECK: Uninstalling: {{.*}}.prefix/include/defer.h
// CHECK: Uninstalling: {{.*}}.prefix/lib/libdefer.so.1
// CHECK: Removing empty directory: {{.*}}.prefix/lib/cmake/defer
// RUN: find %t.prefix ! -type d | count 0
// RUN: find %t.prefix | FileCheck %s --check-prefix=DIRS
// DIRS-NOT: {{gcc-plugin|clang-plugin|cmake/defer}}
//
// RUN: rm -rf %t.root && DESTDIR=%t.root %install /usr sh -c 'test -f %t.root/usr/include/defer.h && DESTDIR=%t.root cmake --build %obj-root --target uninstall > /dev/null'
// RUN: find %t.root ! -type d | count 0
