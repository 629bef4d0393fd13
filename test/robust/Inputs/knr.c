/* SPDX-License-Identifier: MIT */
/* K&R-style definitions with defers. */
void use();
int f(a, b)
  int a;
  char *b;
{
  defer use(a, b);
  return a;
}
