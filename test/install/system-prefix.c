/* SPDX-License-Identifier: MIT */
// Installed for a prefix whose library directory the dynamic loader
// searches by itself (/usr, staged here with DESTDIR), the .pc files and
// the CMake package give no run path: it would only repeat what the loader
// does.
// RUN: rm -rf %t.root && DESTDIR=%t.root %install /usr
// RUN: cat $(find %t.root -name %defer-pc.pc) | FileCheck %s
// CHECK: Libs: -L${libdir} -Wl,--push-state,--no-as-needed -ldefer -Wl,--pop-state
// RUN: cat $(find %t.root -name defer-runtime.cmake) | FileCheck %s --check-prefix=CMAKE
// CMAKE: IMPORTED_LOCATION "/usr/{{.*}}/libdefer.so.{{[0-9.]+}}"
// CMAKE: INTERFACE_LINK_OPTIONS ""
