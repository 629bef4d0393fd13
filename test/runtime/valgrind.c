/* SPDX-License-Identifier: MIT */
// The program of threads.c under valgrind: memcheck with 4 threads of
// 1,000,000 records each (no invalid access, no leak: each thread's chunks
// are freed when it exits, the main thread's at process exit), and helgrind
// with fewer records (no race between the threads' pools).
// REQUIRES: gcc, valgrind
// RUN: %cc-noplugin -O1 -g -DTHREADS=4 -DBIG=1000000 -DHEAP_COUNTING=0 -I%runtime-include %runtime-src/pool.c %S/threads.c -o %t.memcheck -pthread
// RUN: valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 %t.memcheck | FileCheck %S/threads.c
// RUN: %cc-noplugin -O1 -g -DTHREADS=4 -DBIG=200000 -DSMALL=5000 -DHEAP_COUNTING=0 -DPOOL_BEFORE_THREADS -I%runtime-include %runtime-src/pool.c %S/threads.c -o %t.helgrind -pthread
// RUN: valgrind -q --tool=helgrind --error-exitcode=1 %t.helgrind | FileCheck %S/threads.c
