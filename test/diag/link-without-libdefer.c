/* SPDX-License-Identifier: MIT */
// A program whose code uses libdefer fails to link without it, and the
// linker's errors name the library: every object that refers to one of
// libdefer's functions (loop records, recover, defer_panic) also refers to
// __libdefer_link_with_ldefer, from a section that is never loaded.  One
// with only open-coded defers and no panics needs no library at all, and
// its object does not refer to it.  Under -flto, the plugin given at the
// link writes the reference into the partitions that need it.
// RUN: not %cc-nolib -DLOOP %s -o %t 2>&1 | FileCheck %s
// RUN: not %cc-nolib -DPANIC %s -o %t 2>&1 | FileCheck %s
// RUN: not %cc-nolib -DRECOVER %s -o %t 2>&1 | FileCheck %s
// RUN: not %cc-nolib -flto -O2 -DLOOP %s -o %t 2>&1 | FileCheck %s
// CHECK: (.debug.defer_needs_libdefer+0x0): undefined reference to {{.}}__libdefer_link_with_ldefer{{.}}
// RUN: %cc-nolib %s -o %t.open && %t.open
// RUN: %cc-nolib -c %s -o %t.open.o && nm %t.open.o | FileCheck %s --check-prefix=OPEN
// OPEN-NOT: {{ U __libdefer_| U __defer_panic|defer_needs_libdefer}}
//
// The reference costs nothing at run time: the section is in no segment,
// no relocation names the symbol, and the dynamic loader never looks it
// up, even binding every symbol at start-up.
// RUN: %cc -DLOOP -DPANIC -DRECOVER %s -o %t.all && %t.all
// RUN: readelf -SW %t.all | FileCheck %s --check-prefix=SECTION
// RUN: readelf -lW %t.all | FileCheck %s --check-prefix=SEGMENTS
// RUN: readelf -rW %t.all | FileCheck %s --check-prefix=RELOCS
// RUN: env LD_DEBUG=bindings LD_BIND_NOW=1 %t.all 2>&1 | FileCheck %s --check-prefix=BINDINGS
// SECTION: .debug.defer_needs_libdefer PROGBITS 0000000000000000 {{[0-9a-f]+ [0-9a-f]+ 00 +0 +0 +1$}}
// SEGMENTS: Section to Segment mapping
// SEGMENTS-NOT: defer_needs_libdefer
// RELOCS-NOT: __libdefer_link_with_ldefer
// RELOCS: __libdefer_grow
// RELOCS-NOT: __libdefer_link_with_ldefer
// BINDINGS-NOT: __libdefer_link_with_ldefer
// BINDINGS: symbol `__libdefer_grow'
// BINDINGS-NOT: __libdefer_link_with_ldefer

#include <defer.h>

void sink(int i) { (void)i; }

static void register_all(int n) {
#ifdef LOOP
  for (int i = 0; i < n; i++)
    defer sink(i);
#else
  defer sink(n);
#endif
}

static int guarded(int n) {
#ifdef RECOVER
  defer { if (defer_recover()) defer_result = -1; }
#endif
#ifdef PANIC
  if (n > 5)
    defer_panic("too many");
#endif
  return n;
}

int main(int argc, char **argv) {
  (void)argv;
  register_all(argc);
  return guarded(argc) != argc;
}
