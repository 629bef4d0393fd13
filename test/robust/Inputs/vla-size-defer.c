/* SPDX-License-Identifier: MIT */
/* defer in the size of a variable length array that a cast, sizeof, a
   compound literal, typeof or a pointer declaration writes: where the
   statement tree does not reach it (Clang) or reaches it more than once
   (GCC), and once inside a deferred block. */
void use(int);
int f(int n, int *p) {
  int s = sizeof *(int (*)[({ defer use(1); n; })])p;
  s += sizeof(int[({ defer use(2); n; })]);
  (void)sizeof(int[({ defer {} 3; })]);
  (void)(int (*)[({ defer use(3); n; })]){0};
  typeof(int[({ defer use(4); n; })]) *q = 0;
  int (*a[2])[({ defer use(5); n; })] = {0};
  for (int i = 0; i < n; i++)
    s += sizeof *(char (*)[({ defer use(i); i + 1; })])p;
  return s + (q != 0) + (a[0] != 0);
}
int g(int n) {
  defer { (void)sizeof *(int (*)[({ defer use(6); n; })])0; }
  return n;
}
