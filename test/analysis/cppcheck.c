/* SPDX-License-Identifier: MIT */
// cppcheck, with the library file runtime/cppcheck/defer.cfg or given
// -D__CPPCHECK__ (cppcheck does not define it): what is allocated before
// a `defer` may be released by the deferred block, and no leak of it is
// reported after it; what is allocated later is still checked.  Correct
// code draws no report, the same code without its deferred releases has
// its leaks found (docs/REFERENCE.md, "Diagnostics").
// REQUIRES: gcc, cppcheck
// RUN: %cppcheck --quiet -D__CPPCHECK__ -I%runtime-include %S/Inputs/leaks.c %S/Inputs/loop-leaks.c 2>&1 | count 0
// RUN: %cppcheck --quiet --library=%defer-cfg -I%runtime-include -DCHECKED %S/Inputs/leaks.c %S/Inputs/loop-leaks.c 2>&1 | count 0
// RUN: %cppcheck --quiet -D__CPPCHECK__ -DLEAK -I%runtime-include %S/Inputs/leaks.c 2>&1 | FileCheck %s --check-prefix=LEAK
//
// A file that uses `defer` without including <defer.h> needs the library
// file.
// RUN: %cppcheck --quiet --library=%defer-cfg -DCHECKED %S/Inputs/no-header.c 2>&1 | count 0
// RUN: %cppcheck --quiet --library=%defer-cfg -DLEAK %S/Inputs/no-header.c 2>&1 | FileCheck %s --check-prefix=NO-HEADER
// NO-HEADER: no-header.c:{{[0-9]+}}:{{[0-9]+}}: error: Memory leak: line [memleak]
//
// A leak of what a later `defer` does not release is found after it too.
// RUN: %cppcheck --quiet -D__CPPCHECK__ -I%runtime-include %s 2>&1 | FileCheck %s --check-prefix=LATER
#include <defer.h>
#include <stdlib.h>

int later(int n) {
  char *kept = malloc(8);
  if (!kept)
    return -1;
  defer free(kept);
  char *lost = malloc(8);
  if (n)
    return 1;
  // LATER: cppcheck.c:[[@LINE-1]]:{{[0-9]+}}: error: Memory leak: lost [memleak]
  free(lost);
  return 0;
}

// LEAK-DAG: error: Memory leak: native_buf [memleak]
// LEAK-DAG: error: Resource leak: native_file [resourceLeak]
// LEAK-DAG: error: Memory leak: masked_outer [memleak]
// LEAK-DAG: error: Memory leak: masked_inner [memleak]
// LEAK-DAG: error: Memory leak: build_a [memleak]
// LEAK-DAG: error: Memory leak: build_b [memleak]
// LEAK-DAG: error: Memory leak: build_c [memleak]
// LEAK-DAG: error: Resource leak: save_file [resourceLeak]
// LEAK-DAG: error: Memory leak: void_buf [memleak]
// LEAK-DAG: error: Memory leak: grown [memleak]
