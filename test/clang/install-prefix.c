// REQUIRES: clang
// `cmake --install` into any prefix works without root, and a program
// built with only `pkg-config --cflags --libs defer-clang` from that prefix
// (the plugin by absolute path, <defer.h>, libdefer) compiles and runs,
// loop defers included.  libdefer is installed with a versioned soname,
// which is what the program depends on.
// RUN: rm -rf %t.prefix && cmake --install %obj-root --prefix %t.prefix > /dev/null
// RUN: PKG_CONFIG_PATH=%t.prefix/lib/pkgconfig pkg-config --cflags --libs defer-clang | FileCheck %s --check-prefix=PC
// RUN: %clang -O2 %s $(PKG_CONFIG_PATH=%t.prefix/lib/pkgconfig pkg-config --cflags --libs defer-clang) -Wl,-rpath,%t.prefix/lib -o %t && %t | FileCheck %s
// PC: -fplugin={{.*}}.prefix/lib/clang-plugin/defer-clang.so -I{{.*}}.prefix/include -L{{.*}}.prefix/lib -ldefer
// RUN: readelf -d %t.prefix/lib/libdefer.so | FileCheck %s --check-prefix=SONAME
// RUN: readelf -d %t | FileCheck %s --check-prefix=NEEDED
// RUN: cd %t.prefix/lib && soname=$(readlink libdefer.so) && echo "$soname -> $(readlink $soname)" | FileCheck %s --check-prefix=LINKS
// SONAME: (SONAME) {{.*}} [libdefer.so.[[ABI:[0-9]+]]]
// NEEDED: (NEEDED) {{.*}} [libdefer.so.{{[0-9]+}}]
// LINKS: {{^}}libdefer.so.[[ABI:[0-9]+]] -> libdefer.so.[[ABI]].{{[0-9]+\.[0-9]+\.[0-9]+$}}
#include <defer.h>
#include <stdio.h>

static int sum(int n) {
  int total = 0;
  defer { defer_result = total; } /* registered first: runs last */
  for (int i = 0; i < n; i++)
    defer total += i;
  return -1;
}

int main(void) {
  printf("sum %d\n", sum(100));
  return 0;
}
// CHECK: sum 4950
