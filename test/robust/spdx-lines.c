/* SPDX-License-Identifier: MIT */
// Every source file of the project names its licence on an SPDX line
// (LICENSE holds the text): tools/check-spdx.sh lists those without one.
// REQUIRES: gcc
// RUN: %S/../../tools/check-spdx.sh %S/../.. | FileCheck %s
// CHECK: {{^}}0 source files without an SPDX line
//
// The check finds a file without the line:
// RUN: rm -rf %t && mkdir -p %t/src && printf 'int x;\n' > %t/src/bare.c
// RUN: printf '/* SPDX-License-Identifier: MIT */\nint y;\n' > %t/src/named.c
// RUN: not %S/../../tools/check-spdx.sh %t | FileCheck %s --check-prefix=BARE
// BARE: no SPDX line: src/bare.c
// BARE-NEXT: 1 source files without an SPDX line
