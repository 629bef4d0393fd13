// REQUIRES: gcc
// `cmake --install` into any prefix works without root, and a program
// built with only `pkg-config --cflags --libs defer-gcc` from that prefix
// (the plugin by absolute path, <defer.h>, libdefer) compiles and runs,
// loop defers included; cppcheck's library file is there too.
// RUN: rm -rf %t.prefix && cmake --install %obj-root --prefix %t.prefix > /dev/null
// RUN: test -f %t.prefix/share/defer/defer.cfg
// RUN: PKG_CONFIG_PATH=%t.prefix/lib/pkgconfig pkg-config --cflags --libs defer-gcc | FileCheck %s --check-prefix=PC
// RUN: %gcc -O2 %s $(PKG_CONFIG_PATH=%t.prefix/lib/pkgconfig pkg-config --cflags --libs defer-gcc) -Wl,-rpath,%t.prefix/lib -o %t && %t | FileCheck %s
// PC: -fplugin={{.*}}.prefix/lib/gcc-plugin/defer.so -I{{.*}}.prefix/include -L{{.*}}.prefix/lib -ldefer
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
