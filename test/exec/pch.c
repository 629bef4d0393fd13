/* SPDX-License-Identifier: MIT */
// A precompiled header made with the plugin: the defers of the file that
// includes it are lowered, and so are those of the header's own inline
// functions.  Under GCC, -include finds header.h.gch before header.h; here
// the directory holds only the .gch, so the precompiled header is the one
// used or the compilation fails.  Clang is given it with -include-pch.
// RUN: rm -rf %t.dir && mkdir -p %t.dir %t.defer
// RUN: %if gcc %{ %cc-nolib -O2 -x c-header %S/Inputs/pch-header.h -o %t.dir/pch-header.h.gch %}
// RUN: %if gcc %{ %cc -O2 -Winvalid-pch -include %t.dir/pch-header.h %s -o %t && %t | FileCheck %s %}
// RUN: %if gcc %{ %cc-nolib -DHEADER_DEFER -O0 -x c-header %S/Inputs/pch-header.h -o %t.defer/pch-header.h.gch %}
// RUN: %if gcc %{ %cc -DHEADER_DEFER -O0 -include %t.defer/pch-header.h %s -o %t.hd && %t.hd | FileCheck %s --check-prefixes=CHECK,HD %}
// RUN: %if clang %{ %cc-nolib -O2 -x c-header %S/Inputs/pch-header.h -o %t.dir/pch-header.pch %}
// RUN: %if clang %{ %cc -O2 -include-pch %t.dir/pch-header.pch %s -o %t && %t | FileCheck %s %}
// RUN: %if clang %{ %cc-nolib -DHEADER_DEFER -O0 -x c-header %S/Inputs/pch-header.h -o %t.defer/pch-header.pch %}
// RUN: %if clang %{ %cc -DHEADER_DEFER -O0 -include-pch %t.defer/pch-header.pch %s -o %t.hd && %t.hd | FileCheck %s --check-prefixes=CHECK,HD %}

static int work(int x) {
  defer {
    printf("released %d\n", x);
    defer_result += 1;
  }
  return twice(traced(x));
}

int main(void) {
  printf("%d\n", work(20));
  return 0;
}
// CHECK:      tracing
// HD-NEXT:    traced 20
// CHECK-NEXT: released 20
// CHECK-NEXT: 43
