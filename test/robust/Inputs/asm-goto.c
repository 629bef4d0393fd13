/* SPDX-License-Identifier: MIT */
/* asm goto out of and around deferred code. */
void use(int);
int f(int x) {
  defer use(1);
  asm goto("" :::: out);
  defer use(2);
  return 0;
out:
  return x;
}
