// REQUIRES: gcc
// Differential fuzzing (tools/fuzz/defer_fuzz.py): a fixed-seed batch of
// random programs that use defer in blocks, branches, switches, loops
// with break and continue, forward gotos, bounded cycles made by backward
// gotos (defers that register on every pass, variables of the cycle
// copied per registration, variables declared before its label read by
// reference), early returns, recursion, defer_result, panics and
// recovers, and the constructs once miscompiled: defers in statement
// expressions of loop conditions and steps, loop counters and guards
// written by asm operands, narrowing casts in loop and goto bounds,
// over-aligned arrays copied by loop defers (frame arrays and the pool),
// panics raised by a signal handler and passing a frame compiled without
// the plugin (with -flto at -O2); compiled with the GCC and the Clang
// plugin (when built) at -O0 and -O2, every output must be the one the
// fuzzer's model of docs/REFERENCE.md's rules predicts.  It runs once,
// from the GCC suite.  A longer run:
//   tools/fuzz/defer_fuzz.py --build build --count 5000 --seed 1
// RUN: python3 %S/../../tools/fuzz/defer_fuzz.py --build %obj-root --count 150 --seed 1 --jobs 2 --out %t | FileCheck %s
// CHECK: 150 programs, {{[24]}} compilers {{.*}}, 0 failures
