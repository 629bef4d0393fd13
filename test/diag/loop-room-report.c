/* SPDX-License-Identifier: MIT */
// -fplugin-arg-defer-report, optimising: a loop whose records go on the
// call's stack and whose passes the compiler can count gets a copy without
// room tests, and the report says so at the loop (a note under GCC, a
// remark under Clang, which -Rpass=defer-fill also gives).  Not when the
// count is unknown (a counter laundered through asm, a limit a call may
// change), nor when optimising for size, nor without optimisation.
// RUN: %cc -O2 -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not="room tests"
// RUN: %if clang %{ %cc -O2 -Rpass=defer-fill -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not="room tests" %}
// RUN: %cc -Os -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: %cc -O0 -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// NONE-NOT: room tests

extern void use(long);
extern int limit;
extern void change_limit(void);

struct pair {
  long a, b;
};

void counted(int n) {
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: this loop pushes its records without room tests when the records of all its passes fit; a copy with the tests runs otherwise{{( \[-Rpass=defer-fill\])?$}}
  for (int i = 0; i < n; i++)
    defer use(i);
}

void downward_two_sites(int n, struct pair p) {
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: this loop pushes its records without room tests
  for (int i = n; i > 0; i -= 2) {
    defer use(i);
    if (i & 4)
      defer use(p.a + p.b);
  }
}

void laundered(int n) {
  for (int i = 0; i < n; i++) {
    __asm__("" : "+r"(i));
    defer use(i);
  }
}

void moving_limit(void) {
  for (int i = 0; i < limit; i++) {
    defer use(i);
    change_limit();
  }
}
