/* SPDX-License-Identifier: MIT */
// clang-tidy's clang-analyzer-* checks run Clang's static analyzer: with
// the plugin given to --load, as under clang --analyze, correct code
// draws no report and every leak of the same code without its deferred
// releases is found.  clang-tidy drops -fplugin= from compile commands.
// REQUIRES: clang, clang-tidy
// RUN: %clang-tidy --quiet --load=%plugin '--checks=-*,clang-analyzer-*,-clang-analyzer-security.*' %S/Inputs/leaks.c -- -I%runtime-include 2>&1 | count 0
// RUN: %clang-tidy --quiet --load=%plugin '--checks=-*,clang-analyzer-*,-clang-analyzer-security.*' %S/Inputs/loop-leaks.c -- -I%runtime-include 2>&1 | count 0
// RUN: %clang-tidy --quiet --load=%plugin '--checks=-*,clang-analyzer-*,-clang-analyzer-security.*' %S/Inputs/leaks.c -- -I%runtime-include -DLEAK 2>&1 | FileCheck %s --check-prefix=LEAK
// RUN: %clang-tidy --quiet --load=%plugin '--checks=-*,clang-analyzer-*,-clang-analyzer-security.*' %S/Inputs/loop-leaks.c -- -I%runtime-include -DLEAK 2>&1 | FileCheck %s --check-prefix=LOOP-LEAK
//
// Without the plugin <defer.h> makes `defer` a statement whose block never
// runs (docs/REFERENCE.md, "Diagnostics"): the deferred releases are not
// seen, and correct code draws leak reports.
// RUN: %clang-tidy --quiet '--checks=-*,clang-analyzer-unix.Malloc' %S/Inputs/leaks.c -- -I%runtime-include 2>&1 | FileCheck %s --check-prefix=NO-PLUGIN
// NO-PLUGIN: warning: Potential leak of memory pointed to by 'native_buf'

// LEAK-DAG: warning: Potential leak of memory pointed to by 'native_buf' [clang-analyzer-unix.Malloc]
// LEAK-DAG: warning: Opened stream never closed. Potential resource leak [clang-analyzer-unix.Stream]
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
