/* SPDX-License-Identifier: MIT */
/* The C part of the programs of C and C++ sources (`mixed`): the program
   of loop-and-panic.c, its main renamed for main.cpp to call.  */
#define main c_main
int c_main(void);
#include "loop-and-panic.c"
