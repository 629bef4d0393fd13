// The program of exec/panic-lto-no-exceptions-caller.c linked with GCC's
// other ways of running the link-time passes: one partition, and none
// (the whole-program analysis and the compilation in one process).  In
// each, the function without defers between the one with them and the
// frame compiled without -fexceptions must not be taken not to unwind.
// REQUIRES: gcc, unwind
// RUN: %cc-noplugin -O2 -flto -c %S/../exec/Inputs/no-exceptions-frame.c -o %t.o
// RUN: %cc -O2 -flto -flto-partition=one %S/../exec/panic-lto-no-exceptions-caller.c %t.o -o %t.one
// RUN: %t.one | FileCheck %S/../exec/panic-lto-no-exceptions-caller.c
// RUN: %cc -O2 -flto -flto-partition=none %S/../exec/panic-lto-no-exceptions-caller.c %t.o -o %t.none
// RUN: %t.none | FileCheck %S/../exec/panic-lto-no-exceptions-caller.c
