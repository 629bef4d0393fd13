/* SPDX-License-Identifier: MIT */
/* defer where it cannot be: file scope, struct, parameters, initialisers,
   defer of a declaration, defer in defer, sizeof, case labels. */
void use(int);
struct s { int x; defer; };
int g = ({ defer use(1); 1; });
void h(int a[defer use(2)]);
int f(int x) {
  defer int y = 3;
  defer defer use(4);
  int z = sizeof(({ defer use(5); 1; }));
  switch (x) {
    defer use(6);
  case 1:
    return z;
  }
  return 0;
}
