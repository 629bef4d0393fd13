/* SPDX-License-Identifier: MIT */
// A precompiled header made without the plugin, used with it.  It was made
// without -fexceptions, which the plugin turns on: GCC does not use it and
// reads the header instead (-Winvalid-pch says why), Clang stops with an
// error.  Made with -fexceptions, or used with -fplugin-arg-defer-no-unwind,
// it is used, and the defers of the including file are lowered as usual.
// Under GCC a directory holding only the .gch makes it the header or none.
// RUN: rm -rf %t.skip %t.exc %t.plain && mkdir -p %t.skip %t.exc %t.plain
// RUN: %if gcc %{ cp %S/Inputs/pch-plain.h %t.skip/ && %gcc -O2 -x c-header %S/Inputs/pch-plain.h -o %t.skip/pch-plain.h.gch %}
// RUN: %if gcc %{ %cc -O2 -Winvalid-pch -include %t.skip/pch-plain.h %s -o %t 2>&1 | FileCheck %s --check-prefix=GCC-SKIP %}
// RUN: %if gcc %{ %t | FileCheck %s %}
// RUN: %if gcc %{ %gcc -O2 -fexceptions -x c-header %S/Inputs/pch-plain.h -o %t.exc/pch-plain.h.gch %}
// RUN: %if gcc %{ %cc -O2 -Winvalid-pch -include %t.exc/pch-plain.h %s -o %t.exc.out && %t.exc.out | FileCheck %s %}
// RUN: %if gcc %{ %gcc -O2 -x c-header %S/Inputs/pch-plain.h -o %t.plain/pch-plain.h.gch %}
// RUN: %if gcc %{ %cc -fplugin-arg-defer-no-unwind -O2 -Winvalid-pch -include %t.plain/pch-plain.h %s -o %t.nu && %t.nu | FileCheck %s %}
// RUN: %if clang %{ %clang -O2 -x c-header %S/Inputs/pch-plain.h -o %t.plain/pch-plain.pch %}
// RUN: %if clang %{ not %cc -O2 -include-pch %t.plain/pch-plain.pch %s -o %t 2>&1 | FileCheck %s --check-prefix=CLANG-REJECT %}
// RUN: %if clang %{ %cc -fplugin-arg-defer-no-unwind -O2 -include-pch %t.plain/pch-plain.pch %s -o %t.nu && %t.nu | FileCheck %s %}
// RUN: %if clang %{ %clang -O2 -fexceptions -x c-header %S/Inputs/pch-plain.h -o %t.exc/pch-plain.pch %}
// RUN: %if clang %{ %cc -O2 -include-pch %t.exc/pch-plain.pch %s -o %t.exc.out && %t.exc.out | FileCheck %s %}

static int work(int x) {
  defer printf("released %d\n", x);
  return twice(x);
}

int main(void) {
  printf("%d\n", work(21));
  return 0;
}
// CHECK:      released 21
// CHECK-NEXT: 42
// GCC-SKIP: warning: {{.*}}pch-plain.h.gch: settings for -fexceptions do not match [-Winvalid-pch]
// CLANG-REJECT: error: exception handling was disabled in {{precompiled|PCH}} file
