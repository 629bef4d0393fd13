// Installed for a prefix whose library directory the dynamic loader
// searches by itself (/usr, staged here with DESTDIR), the .pc files give
// no run path: it would only repeat what the loader does.
// RUN: rm -rf %t.root && DESTDIR=%t.root %install /usr
// RUN: cat $(find %t.root -name %defer-pc.pc) | FileCheck %s
// CHECK: Libs: -L${libdir} -Wl,--push-state,--no-as-needed -ldefer -Wl,--pop-state
