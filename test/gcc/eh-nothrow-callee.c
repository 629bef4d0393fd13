/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc
// A call made while deferred blocks are pending keeps its landing pad
// under GCC also when glibc declares the callee nothrow (raise): the
// plugin drops nothrow from the unit's declarations.  libdefer's own
// entry points keep it.  Without unwinding support there are no landing
// pads at all.
// RUN: %cc -O2 -c %s -o /dev/null -fdump-tree-optimized-eh=%t.dump
// RUN: FileCheck %s < %t.dump
// RUN: %cc -O2 -fplugin-arg-defer-no-unwind -c %s -o /dev/null \
// RUN:   -fdump-tree-optimized-eh=%t.nounwind.dump
// RUN: FileCheck %s --check-prefix=NO-UNWIND < %t.nounwind.dump

#include <defer.h>
#include <signal.h>

void release(int);

// CHECK:     [LP {{[0-9]+}}] raise (
// CHECK-NOT: [LP {{[0-9]+}}] __libdefer_recover (
// NO-UNWIND-NOT: [LP
int f(int sig) {
  defer {
    if (defer_recover())
      defer_result = 1;
  }
  defer release(1);
  raise(sig);
  return 0;
}
