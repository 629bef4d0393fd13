/* SPDX-License-Identifier: MIT */
/* Gotos from GNU nested functions to labels of the enclosing function:
   into a deferred block, out of one, and back before a defer (GCC only). */
void use(int);
void f(int x) {
#ifndef __clang__
  __label__ in, again;
  void enter(void) { if (x) goto in; }
  void loop(void) { if (x--) goto again; }
  void leave(void) { defer { if (x) goto again; } }
again:
  defer { enter(); in: use(x); }
  loop();
  leave();
#endif
}
