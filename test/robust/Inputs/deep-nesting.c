/* SPDX-License-Identifier: MIT */
/* Very deep nesting of blocks and loops around defers. */
void use(int);
#define N1 { defer use(__LINE__); if (x) {
#define E1 } }
#define N5 N1 N1 N1 N1 N1
#define E5 E1 E1 E1 E1 E1
#define N25 N5 N5 N5 N5 N5
#define E25 E5 E5 E5 E5 E5
int f(int x) {
  N25 N25 N25 N25
  use(x);
  E25 E25 E25 E25
  for (int i = 0; i < x; i++) for (int j = 0; j < i; j++) for (int k = 0; k < j; k++)
    while (k--) do { defer use(i + j + k); } while (0);
  return 0;
}
