/* SPDX-License-Identifier: MIT */
// The constraints of block-scoped _Defer, in the words Clang 22 gives for
// its own: no return, break or continue out of a deferred statement, no
// goto or case label into one, no jump from outside a block past a
// _Defer into the part where it is pending.  GCC's plugin gives the same
// errors and notes at the same places.
// RUN: not %cc -fsyntax-only %s 2>&1 | FileCheck %s
// RUN: %cc -fsyntax-only -DALLOWED %s

void g(int);

#ifndef ALLOWED
void bypass(void) {
  goto past;
  // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
  _Defer g(1);
  // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:3: note: jump bypasses defer statement
past:
  g(2);
}

void into(void) {
  goto inside;
  // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
  _Defer {
  // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:3: note: jump enters a defer statement
  inside:
    g(1);
  }
}

void out_of(void) {
  _Defer {
    goto outside;
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this goto statement to its label
    // CHECK: scoped-defer-jumps.c:[[@LINE-3]]:3: note: jump exits a defer statement
  }
outside:
  g(1);
}

void case_past(int k) {
  switch (k) {
  case 0:
    g(0);
    _Defer g(1);
  case 1:
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from switch statement to this case label
    // CHECK: scoped-defer-jumps.c:[[@LINE-3]]:5: note: jump bypasses defer statement
    g(2);
  }
}

int returns(void) {
  _Defer {
    return 1;
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot return from a defer statement
  }
  return 0;
}

void breaks(void) {
  for (;;) {
    _Defer {
      break;
      // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot break out of a defer statement
    }
  }
}

void continues(void) {
  for (int i = 0; i < 2; i++) {
    _Defer {
      continue;
      // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot continue loop outside of enclosing defer statement
    }
  }
}
#endif

// What stays allowed: jumps inside one statement, loops and switches with
// their own break and continue inside it, leaving a block by any way,
// a forward goto past a _Defer of an inner block the jump does not enter.
void allowed(int k) {
  _Defer {
    for (int i = 0; i < 3; i++) {
      if (i == 1)
        continue;
      if (i == 2)
        break;
    }
    switch (k) {
    case 1:
      break;
    }
    goto inside;
  inside:
    g(0);
  }
  {
    goto l2;
    { _Defer g(1); }
  l2:
    g(2);
  }
  for (int i = 0; i < 3; i++) {
    _Defer g(i);
    if (i == 0)
      continue;
    if (i == 1)
      break;
  }
  {
  again:
    _Defer g(3);
    if (k-- > 0)
      goto again;
  }
}

#ifndef ALLOWED
#include <setjmp.h>
static jmp_buf env;
void jumps_in_defer(void) {
  _Defer {
    if (setjmp(env) == 0)
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot use '_setjmp' inside a defer statement
      longjmp(env, 1);
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot use 'longjmp' inside a defer statement
  }
}
#endif

#ifndef ALLOWED
// A Go-style defer inside a _Defer's statement, refused by both plugins;
// a label as the statement, refused as Clang does.
void go_style_inside(void) {
  _Defer {
    __defer g(1);
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:5: error: 'defer' statement inside a deferred block is not supported
  }
}

// A computed goto that may leave a block with a pending _Defer: GCC and
// Clang 22 would not run the statement, so the plugin refuses it.
void computed_out(int which) {
  static void *const to[] = {&&inside, &&outside};
  {
    _Defer g(1);
    goto *to[which];
    // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:{{[0-9]+}}: error: cannot jump from this indirect goto statement to one of its possible targets
    // CHECK: scoped-defer-jumps.c:[[@LINE-3]]:5: note: jump exits the block of this '_Defer' statement, which a computed goto would not run
  inside:
    g(2);
  }
outside:
  g(3);
}

void label_statement(void) {
  _Defer done: g(1);
  // CHECK: scoped-defer-jumps.c:[[@LINE-1]]:10: error: substatement of defer must not be a label
}
#endif
