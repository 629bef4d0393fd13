/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind
// Panics through libraries that dlclose unloads and dlopen replaces, often
// at the same address with other frames.  libdefer decodes unwind rules
// again once an object has been unloaded; here every panic must still
// run each library's own block and be recovered.  (Whether a stale rule
// would be hit depends on where the two compilers put the calls, so this
// checks the reloads work, not that a stale rule would fail.)
// RUN: %cc -O2 -fPIC -shared %S/Inputs/panic-library.c -o %t.v1.so
// RUN: %cc -O2 -fPIC -shared -DVARIANT=2 %S/Inputs/panic-library.c -o %t.v2.so
// RUN: %cc -O2 %s -o %t -ldl && %t %t.v1.so %t.v2.so | FileCheck %s

#include <defer.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef void run_fn(void (*)(int), int);

static void raise_in_callback(int n) { defer_panicf("panic %d", n); }

__attribute__((noinline)) static int call_library(run_fn *run, int n) {
  defer {
    const defer_panic_info *p = defer_recover();
    if (p) {
      printf("recovered %s\n", p->message);
      defer_result = n;
    }
  }
  run(raise_in_callback, n);
  return -1;
}

static void use(const char *path, int n) {
  void *lib = dlopen(path, RTLD_NOW);
  if (!lib) {
    fprintf(stderr, "%s\n", dlerror());
    exit(1);
  }
  run_fn *run = (run_fn *)dlsym(lib, "library_run");
  for (int i = 0; i < 2; i++)
    printf("returned %d\n", call_library(run, n));
  dlclose(lib);
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 1;
  use(argv[1], 1);
  use(argv[2], 2);
  use(argv[1], 3);
  return 0;
}

// CHECK:      variant 1 block 1
// CHECK-NEXT: recovered panic 1
// CHECK-NEXT: returned 1
// CHECK-NEXT: variant 1 block 1
// CHECK-NEXT: recovered panic 1
// CHECK-NEXT: returned 1
// CHECK-NEXT: variant 2 block 2
// CHECK-NEXT: recovered panic 2
// CHECK-NEXT: returned 2
// CHECK-NEXT: variant 2 block 2
// CHECK-NEXT: recovered panic 2
// CHECK-NEXT: returned 2
// CHECK-NEXT: variant 1 block 3
// CHECK-NEXT: recovered panic 3
// CHECK-NEXT: returned 3
// CHECK-NEXT: variant 1 block 3
// CHECK-NEXT: recovered panic 3
// CHECK-NEXT: returned 3
