/* SPDX-License-Identifier: MIT */
// REQUIRES: asan, tsan, valgrind
// The pooled-record stack of loop-stack-blocks.c (sites of several sizes,
// records across blocks and chunks, callees, recursion, longjmp out of
// records across a chunk boundary), in four threads at once: clean under
// ASan+UBSan, TSan and valgrind's memcheck, leaks included.
// RUN: %cc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -pthread -DTHREADS=4 %S/loop-stack-blocks.c -o %t.asan && %t.asan | FileCheck %S/loop-stack-blocks.c --match-full-lines
// RUN: %cc -O1 -g -fsanitize=thread -pthread -DTHREADS=4 %S/loop-stack-blocks.c -o %t.tsan && %t.tsan | FileCheck %S/loop-stack-blocks.c --match-full-lines
// RUN: %cc -O2 -pthread -DTHREADS=4 %S/loop-stack-blocks.c -o %t.vg
// RUN: valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 %t.vg | FileCheck %S/loop-stack-blocks.c --match-full-lines
