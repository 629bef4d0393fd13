// GCC's -fanalyzer with the plugin loaded analyses the lowered functions:
// correct code draws no report, with or without unwinding support, and
// the same code with its deferred releases left out has every leak found.
// REQUIRES: gcc
// RUN: %cc -fanalyzer -c %S/Inputs/leaks.c -o /dev/null 2>&1 | count 0
// RUN: %cc -fanalyzer -fplugin-arg-defer-no-unwind -c %S/Inputs/leaks.c -o /dev/null 2>&1 | count 0
// GCC 11's analyzer loses a pointer stored at a variable index of an
// array, as the records of a defer in a loop are, and reports it leaked
// (GCC 12 rewrote that model): there, only the leaks are checked for.
// RUN: %if !gcc-11 %{ %cc -fanalyzer -c %S/Inputs/loop-leaks.c -o /dev/null 2>&1 | count 0 %}
// GCC 11's analyzer has no model of realloc: the leak after one is found
// from GCC 12 on.
// RUN: %cc -fanalyzer -DLEAK -c %S/Inputs/leaks.c -o /dev/null 2>&1 | FileCheck %s --check-prefixes=LEAK%if !gcc-11 %{,LEAK-REALLOC%}
// RUN: %cc -fanalyzer -fplugin-arg-defer-no-unwind -DLEAK -c %S/Inputs/leaks.c -o /dev/null 2>&1 | FileCheck %s --check-prefixes=LEAK%if !gcc-11 %{,LEAK-REALLOC%}
// RUN: %cc -fanalyzer -DLEAK -c %S/Inputs/loop-leaks.c -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOOP-LEAK
//
// The plugin turns the analyzer's state purging off (docs/REFERENCE.md,
// "Diagnostics"); asked back for, it brings back the false report it
// avoids: the FILE of an fopen made while a deferred free is pending,
// taken as leaked on the edge where fopen unwinds.
// The analyzers of GCC 11 and 16 make no such report.
// RUN: %if !gcc-11 && !gcc-16 %{ %cc -fanalyzer -fanalyzer-state-purge -c %S/Inputs/leaks.c -o /dev/null 2>&1 | FileCheck %s --check-prefix=PURGE %}

// LEAK-DAG: warning: leak of 'native_buf'
// LEAK-DAG: warning: leak of FILE 'native_file'
// LEAK-DAG: warning: leak of 'masked_outer'
// LEAK-DAG: warning: leak of 'masked_inner'
// LEAK-DAG: warning: leak of 'build_a'
// LEAK-DAG: warning: leak of 'build_b'
// LEAK-DAG: warning: leak of 'build_c'
// LEAK-DAG: warning: leak of FILE 'save_file'
// LEAK-DAG: warning: leak of 'jumps_buf'
// LEAK-DAG: warning: leak of 'void_buf'
// LEAK-REALLOC-DAG: warning: leak of 'grown'

// LOOP-LEAK-DAG: warning: leak of 'counted_buf'
// LOOP-LEAK-DAG: warning: leak of 'pooled_buf'
// LOOP-LEAK-DAG: warning: leak of 'first'
// LOOP-LEAK-DAG: warning: leak of 'each'
// LOOP-LEAK-DAG: warning: leak of 'cycle_buf'

// PURGE: leaks.c:{{[0-9]+}}:{{[0-9]+}}: warning: leak of FILE 'fopen(path, "r")'
