/* The C part of `mixed`: the program of c_only, its main renamed.  */
#define main c_main
int c_main(void);
#include "../loop-and-panic.c"
