/* SPDX-License-Identifier: MIT */
// A file that compile_commands.json compiles twice (for a static and a
// shared library) is converted and reported once.
// REQUIRES: defer-migrate
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "cc -c %s -o a.o"},' > %t/compile_commands.json
// RUN: echo ' {"directory": "%t", "file": "%s", "command": "cc -fPIC -c %s -o b.o"}]' >> %t/compile_commands.json
// RUN: %defer-migrate --report -p %t %s | FileCheck %s

#include <stdlib.h>

int f(int n) {
  int ret = -1;
  char *p = NULL;
  p = malloc(n);
  if (!p)
    goto out;
  ret = 0;
out:
  free(p);
  return ret;
}

// CHECK:     compiled-twice.c:{{[0-9]+}}: f ('out'): converted
// CHECK-NOT: converted
// CHECK:     candidates 1, converted 1, refused 0
