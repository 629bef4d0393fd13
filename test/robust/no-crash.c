/* SPDX-License-Identifier: MIT */
// Hostile and malformed inputs (Inputs/): defer in macros, statement
// expressions, nested functions, with VLAs, asm goto, labels as values, in
// K&R definitions, in places it cannot be, 3,000 sites in one function,
// 100 nested blocks, misused defer_result, defer_recover and defer_panic.
// Each compiles or gets diagnostics; the compiler never crashes.
// RUN: sh %S/no-crash.sh "%cc" %S/Inputs | FileCheck %s
// CHECK: {{[0-9]+}} compilations, 0 crashes
