/* SPDX-License-Identifier: MIT */
// REQUIRES: gcc, both-plugins
// The GCC and the Clang plugin run one analysis: for every file of
// test/exec and test/diag they give the same diagnostics and the same
// report (-fplugin-arg-defer-report), line by line
// (tools/compare-reports.py; files a compiler refuses for reasons of its
// own are skipped).  It runs once, from the GCC suite.
// RUN: python3 %S/../../tools/compare-reports.py --build %obj-root %S/../exec/*.c %S/../diag/*.c | FileCheck %s
// CHECK: {{[0-9]+}} files, {{[0-9]+}} compared, 0 differences
