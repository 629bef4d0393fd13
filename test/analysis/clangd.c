/* SPDX-License-Identifier: MIT */
// clangd loads no plugin, not even one named by -fplugin= in the compile
// flags: a file that uses `defer` without including <defer.h> has errors
// there.  The project's .clangd adding -DDEFER_ANALYSIS_ONLY and -include
// defer.h removes them, and a deferred block is still type-checked
// (docs/REFERENCE.md, "Diagnostics").
// REQUIRES: clang, clangd
// RUN: rm -rf %t && mkdir -p %t/bare %t/configured %t/wrong
// RUN: cp %S/Inputs/no-header.c %t/bare/use.c
// RUN: cp %S/Inputs/no-header.c %t/configured/use.c
// RUN: cp %S/Inputs/no-header.c %t/wrong/use.c
// RUN: printf '%%s\n' -fplugin=%plugin -I%runtime-include > %t/bare/compile_flags.txt
// RUN: printf '%%s\n' -fplugin=%plugin -I%runtime-include > %t/configured/compile_flags.txt
// RUN: printf '%%s\n' -fplugin=%plugin -I%runtime-include -DWRONG > %t/wrong/compile_flags.txt
// RUN: printf 'CompileFlags:\n  Add: [-DDEFER_ANALYSIS_ONLY, -include, defer.h]\n' > %t/configured/.clangd
// RUN: cp %t/configured/.clangd %t/wrong/.clangd
// RUN: not %clangd --check=%t/bare/use.c 2>&1 | FileCheck %s --check-prefix=BARE
// RUN: %clangd --check=%t/configured/use.c 2>&1 | FileCheck %s --check-prefix=CONFIGURED
// RUN: not %clangd --check=%t/wrong/use.c 2>&1 | FileCheck %s --check-prefix=WRONG

// BARE: use of undeclared identifier 'defer'
// CONFIGURED-NOT: Line {{[0-9]+}}:
// CONFIGURED: All checks completed, 0 errors
// WRONG: Line 23: too many arguments to function call
// WRONG: All checks completed, 1 errors
