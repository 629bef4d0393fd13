/* SPDX-License-Identifier: MIT */
// `if (c) defer X;` with c made of constants the compiler folds (enum
// constants, floating constants, sizeof) and variables nothing changes
// afterwards tests c again at exit: with every defer in the outermost
// block, each is then a cleanup where it stands.  The same under both
// compilers.  A write to c's variable after the if keeps the
// registration under the if, which needs the mask.
// RUN: %cc -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=note: --implicit-check-not=remark: --implicit-check-not=warning: --implicit-check-not=error:

enum color { RED, GREEN };
void g(void);

void enum_guard(enum color x) {
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: 'defer' is open-coded as a cleanup where it stands
  if (x == RED) defer g();
}

void float_guard(double d) {
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: 'defer' is open-coded as a cleanup where it stands
  if (d < 1.5) defer g();
}

void sizeof_guard(int x) {
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: 'defer' is open-coded as a cleanup where it stands
  if (x < (int)sizeof(long) && GREEN) defer g();
}

void written_guard(int x) {
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: 'defer' is open-coded as bit 0 of the defer mask
  if (x) defer g();
  x = 0;
  g();
}
