/* SPDX-License-Identifier: MIT */
// The programs of test/exec whose behaviour does not depend on unwinding,
// those with block-scoped _Defer among them, lowered by defer-lower and
// built by plain gcc, plain clang and tcc (without the plugin), print and
// return what they do built with the plugin.  Inputs/lower-exec.py says
// which programs are covered and why.
// REQUIRES: defer-lower
// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/lower-exec.py --tool %defer-lower --plugin-cc "%cc" \
// RUN:   --plain %gcc --plain %clang %if tcc %{ --plain tcc %} \
// RUN:   --include %runtime-include --libdir %runtime-libdir --work %t \
// RUN:   %if scoped-defer %{--feature scoped-defer%} %if gcc %{--feature gcc%} \
// RUN:   %if gcc-11 %{--feature gcc-11%} %if clang %{--feature clang%} \
// RUN:   %S/../exec | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: covered {{[1-9][0-9]*}}, refused {{[0-9]+}}, skipped {{[0-9]+}}; 0 failed
