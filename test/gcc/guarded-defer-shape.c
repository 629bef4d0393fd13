/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc
// `if (c) defer X;` whose condition is stable until the function returns
// registers unconditionally and tests c again at exit, as hand-written
// cleanup code does; at -O2 no mask is left.  When c's variables change
// later, the registration stays under the if.
// Both shapes of the open-coded lowering test c again: the mask shape
// (here with -fplugin-arg-defer-no-unwind, or a defer in an inner block)
// beside the bit, the native shape in the cleanup.
// RUN: %cc -O0 -fplugin-arg-defer-no-unwind -c %s -o /dev/null -fdump-tree-gimple=- | FileCheck %s --check-prefix=GIMPLE
// RUN: %cc -O0 -c %s -o /dev/null -fdump-tree-gimple=- | FileCheck %s --check-prefix=NATIVE
// RUN: %cc -O2 -c %s -o /dev/null -fdump-tree-optimized=- | FileCheck %s --check-prefix=OPT

void release(int);
int use(int);

// GIMPLE-LABEL: int guarded (int x)
// GIMPLE:       try
// GIMPLE-NEXT:    {
// GIMPLE-NEXT:      __defer_mask = __defer_mask | 1;
// GIMPLE:       finally
// GIMPLE:         _2 = __defer_mask & 1;
// GIMPLE:         _3 = x & 8;
// GIMPLE:         release (1);
// NATIVE-LABEL: int guarded (int x)
// NATIVE-NOT:   __defer_mask
// NATIVE:       finally
// NATIVE:         _1 = x & 8;
// NATIVE:         release (1);
// OPT-LABEL: int guarded (int x)
// OPT-NOT: __defer_mask
// OPT: return
int guarded(int x) {
  if (x & 8)
    defer release(1);
  if (x & 16)
    return -1;
  return use(x);
}

// GIMPLE-LABEL: int unstable (int x)
// GIMPLE:       try
// GIMPLE-NEXT:    {
// GIMPLE-NEXT:      _1 = x & 8;
// GIMPLE-NEXT:      if (_1 != 0)
// GIMPLE:           __defer_mask = __defer_mask | 1;
// GIMPLE:         x = use (x);
int unstable(int x) {
  if (x & 8)
    defer release(1);
  x = use(x);
  return use(x);
}
