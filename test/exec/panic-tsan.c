/* SPDX-License-Identifier: MIT */
// REQUIRES: unwind, tsan
// The panic and recover test of several threads at once (panic-threads.c)
// under ThreadSanitizer: the panic state is the thread's own.
// RUN: %cc -O1 -g -fsanitize=thread -pthread %S/panic-threads.c -o %t && %t | FileCheck %S/panic-threads.c
