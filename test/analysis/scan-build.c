/* SPDX-License-Identifier: MIT */
// scan-build runs Clang's static analyzer over a build with the build's
// own flags: the plugin given there lowers the functions for the analyzer
// as under clang --analyze.  No bug in correct code; those of the same
// code without its deferred releases are found.
// REQUIRES: clang, scan-build
// RUN: rm -rf %t && mkdir -p %t
// RUN: %scan-build --use-cc=%clang -o %t/clean %cc -c %S/Inputs/leaks.c -o %t/leaks.o 2>&1 | FileCheck %s --check-prefix=CLEAN
// RUN: %scan-build --use-cc=%clang -o %t/leak %cc -DLEAK -c %S/Inputs/leaks.c -o %t/leaks.o 2>&1 | FileCheck %s --check-prefix=LEAK
// CLEAN: scan-build: No bugs found.
// LEAK: scan-build: {{[0-9]+}} bugs found.
