/* SPDX-License-Identifier: MIT */
/* Void functions whose deferred blocks hold a label, asm goto's target or
   an initialised local: under Clang those blocks run at one place, the
   function's end, which must be labelled once. */
void use(int);
void label(int x) {
  defer { L: use(1); }
  if (x) return;
  use(2);
}
void asm_label(void) {
  defer { asm goto ("" :::: out); out: ; }
}
void initialised(void) {
  defer { struct { int a; } s = {0}; int v[2] = {1, 2}; use(s.a + v[1]); }
}
