/* SPDX-License-Identifier: MIT */
// Clang's static analyzer (clang --analyze) with the plugin loaded: the
// plugin lowers each function without unwinding support, jumps to the
// deferred blocks that the analyzer follows (docs/REFERENCE.md,
// "Diagnostics").  Correct code draws no report; the same code with its
// deferred releases left out has every leak found.
// REQUIRES: clang
// RUN: %cc --analyze %S/Inputs/leaks.c -o /dev/null 2>&1 | count 0
// RUN: %cc --analyze %S/Inputs/loop-leaks.c -o /dev/null 2>&1 | count 0
// RUN: %cc --analyze -DLEAK %S/Inputs/leaks.c -o /dev/null 2>&1 | FileCheck %s --check-prefix=LEAK
// RUN: %cc --analyze -DLEAK %S/Inputs/loop-leaks.c -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOOP-LEAK
//
// Why the plugin does not lower around DeferStmts here, as it does for
// code generation: Clang 22's CFG runs a DeferStmt's block where the
// DeferStmt stands, and the analyzer sees the deferred free run at once.
// RUN: %if native-defer-ts %{ %clang -fdefer-ts --analyze %S/Inputs/defer-ts.c -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFER-TS %}
// DEFER-TS: defer-ts.c:16:10: warning: Use of memory after it is released

// LEAK-DAG: warning: Potential leak of memory pointed to by 'native_buf'
// LEAK-DAG: warning: Opened stream never closed
// LEAK-DAG: warning: Potential leak of memory pointed to by 'masked_outer'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'masked_inner'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'build_a'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'build_b'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'build_c'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'jumps_buf'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'void_buf'
// LEAK-DAG: warning: Potential leak of memory pointed to by 'grown'

// LOOP-LEAK-DAG: warning: Potential leak of memory pointed to by 'counted_buf'
// LOOP-LEAK-DAG: warning: Potential leak of memory pointed to by 'pooled_buf'
// LOOP-LEAK-DAG: warning: Potential leak of memory pointed to by 'first'
// LOOP-LEAK-DAG: warning: Potential leak of memory pointed to by 'each'
// LOOP-LEAK-DAG: warning: Potential leak of memory pointed to by 'cycle_buf'
