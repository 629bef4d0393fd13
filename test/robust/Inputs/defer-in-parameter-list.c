/* SPDX-License-Identifier: MIT */
/* defer as a parameter declaration, before a GNU forward parameter
   declaration's `;`: in the parameter declarations of an old-style
   definition and in a prototype inside a function body. */
int old_style ()
long p (defer; int);
{ return 0; }
void body(void) { int q (defer; int); }
