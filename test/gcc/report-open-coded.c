/* SPDX-License-Identifier: MIT */
// -fplugin-arg-defer-report prints, at each defer site, a note saying that
// the site is open-coded; loops and backward-goto cycles that do not contain
// the defer do not change that. Without the option nothing is printed.
// REQUIRES: gcc
// RUN: %cc -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %cc -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty

// QUIET-NOT: open-coded

extern void use(int);

void simple(int x) {
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: {{.*}}open-coded{{.*}}
  defer use(1);
  if (x)
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: {{.*}}open-coded{{.*}}
    defer use(2);
  switch (x) {
  case 3:
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: {{.*}}open-coded{{.*}}
    defer use(3);
    break;
  }
  int y = ({
    // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: {{.*}}open-coded{{.*}}
    defer use(4);
    x + 1;
  });
  use(y);
}

void loops_around(int n) {
  int i = 0;
again:
  if (i < n) {
    i++;
    goto again;
  }
  for (int k = 0; k < n; k++)
    use(k);
  // CHECK: {{.*}}.c:[[@LINE+1]]:{{[0-9]+}}: note: {{.*}}open-coded{{.*}}
  defer {
    for (int k = 0; k < i; k++)
      use(k);
  }
  while (i-- > 0)
    use(i);
}
