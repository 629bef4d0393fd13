/* SPDX-License-Identifier: MIT */
// A variable that a loop defer copies, assigned or having its address taken
// later in the same loop body, draws a warning there (the deferred block
// keeps the value copied at registration) with a note at the defer. Writes
// before the defer, the loop's own increment expression, writes inside the
// deferred block (to its copy) and writes to by-reference variables do not
// warn.
// RUN: %cc -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note:
// RUN: %cc -DVALID_ONLY -Wall -Wextra -Werror -c %s -o /dev/null 2>&1 | count 0
// -w silences the warnings and their notes; -Werror makes them errors.
// RUN: %cc -w -c %s -o /dev/null 2>&1 | count 0
// RUN: not %cc -Werror -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WERROR
// WERROR: error: assignment to
// RUN: %cc -fplugin-arg-defer-Wno-copy -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WNO --allow-empty

void use(int);
void use_ptr(int *);
int *use_ptr_ret(void);

void clean(int n) {
  int total = 0;
  for (int i = 0; i < n; i++) {
    int x;
    x = i * 2;
    x += 1;
    use_ptr(&x);
    defer {
      x += 10;
      use(x + i + total);
    }
    total += x;
    n--;
  }
  int k = 0;
  while (k < n) {
    int y = k;
    defer use(y);
    k++;
  }
  // A write through a copied pointer is not a write to the pointer.
  for (int j = 0; j < n; j++) {
    int *q = use_ptr_ret();
    defer use(*q);
    q[0] = j;
    *q += 1;
  }
}

#ifndef VALID_ONLY
void assigns(int n) {
  for (int i = 0; i < n; i++) {
    int x = i;
    defer use(x);
    x = 5;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'x' after the 'defer' that copies it does not change the deferred block's copy
    // CHECK: {{.*}}.c:[[@LINE-3]]:{{[0-9]+}}: note: 'x' is copied here, when the 'defer' registers
    use(x);
  }
}

void addresses(int n) {
  for (int i = 0; i < n; i++) {
    int x = i;
    defer use(x);
    use_ptr(&x);
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: address of 'x' taken after the 'defer' that copies it; the deferred block uses its own copy
    // CHECK: {{.*}}.c:[[@LINE-3]]:{{[0-9]+}}: note: 'x' is copied here, when the 'defer' registers
  }
}

void loop_variable(int n) {
  for (int i = 0; i < n; i++) {
    defer use(i);
    if (i % 2)
      i += 2;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'i' after the 'defer' that copies it does not change the deferred block's copy
    // CHECK: {{.*}}.c:[[@LINE-4]]:{{[0-9]+}}: note: 'i' is copied here, when the 'defer' registers
  }
}

void compound_and_increment(int n) {
  int k = 0;
  while (k < n) {
    int a = k, b = k;
    defer use(a + b);
    a *= 3;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'a' after the 'defer' that copies it does not change the deferred block's copy
    // CHECK: {{.*}}.c:[[@LINE-3]]:{{[0-9]+}}: note: 'a' is copied here, when the 'defer' registers
    b++;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'b' after the 'defer' that copies it does not change the deferred block's copy
    // CHECK: {{.*}}.c:[[@LINE-6]]:{{[0-9]+}}: note: 'b' is copied here, when the 'defer' registers
    k++;
  }
}

struct pair {
  int first, second;
};

void aggregate_member(int n) {
  do {
    struct pair p = {n, 0};
    int arr[2] = {n, n};
    defer use(p.first + arr[1]);
    p.second = 1;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'p' after the 'defer' that copies it does not change the deferred block's copy
    // CHECK: {{.*}}.c:[[@LINE-3]]:{{[0-9]+}}: note: 'p' is copied here, when the 'defer' registers
    arr[0] = 2;
    // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'arr' after the 'defer' that copies it does not change the deferred block's copy
    // CHECK: {{.*}}.c:[[@LINE-6]]:{{[0-9]+}}: note: 'arr' is copied here, when the 'defer' registers
  } while (--n > 0);
}

// A variable copied because it is declared inside a backward-goto cycle
// warns the same way, up to the goto that closes the cycle.
void goto_cycle(int n) {
again:;
  int x = n;
  defer use(x);
  x = 0;
  // CHECK: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: warning: assignment to 'x' after the 'defer' that copies it does not change the deferred block's copy
  // CHECK: {{.*}}.c:[[@LINE-3]]:{{[0-9]+}}: note: 'x' is copied here, when the 'defer' registers
  if (--n > 0)
    goto again;
}

// -fplugin-arg-defer-Wno-copy silences these warnings (WNO below).
// WNO-NOT: warning
#endif
