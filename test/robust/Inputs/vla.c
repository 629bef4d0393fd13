/* SPDX-License-Identifier: MIT */
/* VLAs around defers: named by a block (error), declared after, in loops. */
void use(int *);
void f(int n) {
  int a[n];
  defer use(a);
  for (int i = 0; i < n; i++) {
    int b[i + 1];
    use(b);
    defer use(0);
  }
  int c[n + 1];
  use(c);
}
