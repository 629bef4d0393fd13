/* SPDX-License-Identifier: MIT */
// Without the plugin, code using `defer` or `__defer` does not compile (it
// must never silently mean something else).
// RUN: not %cc-noplugin -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN
// RUN: not %cc-noplugin -DRESERVED -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESERVED

#ifdef RESERVED
int reserved(int x) {
  __defer x = 0;
  // RESERVED: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error:
  return x;
}
#else
int plain(int x) {
  defer x = 0;
  // PLAIN: {{.*}}.c:[[@LINE-1]]:{{[0-9]+}}: error:
  return x;
}
#endif
