/* SPDX-License-Identifier: MIT */
/* Labels as values and computed goto with defers, and inside a block. */
void use(int);
int f(int i) {
  static void *t[] = {&&a, &&b};
  defer use(0);
  goto *t[i & 1];
a:
  defer use(1);
  return 1;
b:
  defer { void *p = &&c; goto *p; c: use(2); }
  return 2;
}
