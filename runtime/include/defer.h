/* <defer.h>: the run-time API of Go-style `defer` for C.

   `defer` itself needs no header: loading the plugin makes it a statement
   (gcc -fplugin=defer, clang -fplugin=.../defer-clang.so).  This header
   adds what a deferred block may use:

     defer_result   inside a deferred block, an lvalue for the value the
		    function is returning; assigning to it changes what the
		    caller receives (Go's named result).

   Without the plugin, including this header is an error that says so,
   except for analysis tools that only parse the code (cppcheck, the Clang
   static analyzer, or any tool given -DDEFER_ANALYSIS_ONLY, e.g. clangd
   through its .clangd file): they see `defer` as a statement that never
   runs its block, which is valid C.  */

#ifndef DEFER_H
#define DEFER_H

/* Clang runs no plugin action under -E, so nothing predefined `defer`;
   the Clang plugin's pragma handlers, which every preprocessor gets,
   define it here.  Without the plugin the pragma is ignored.  */
#if defined(__clang__) && !defined(__DEFER__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunknown-pragmas"
#pragma defer enable
#pragma clang diagnostic pop
#endif

#if defined(__DEFER__)

/* Under GCC each `defer` declares a local __defer_result for the deferred
   blocks of its function, and this one catches every other use; Clang's
   plugin declares it when a lookup of the name finds nothing.  */
#if !defined(__clang__)
extern int __defer_result;
#endif
#define defer_result __defer_result

#elif defined(DEFER_ANALYSIS_ONLY) || defined(__CPPCHECK__) \
  || defined(__clang_analyzer__)

#define defer if (1) {} else
#define __defer if (1) {} else
extern int defer_result_for_analysis_only_;
#define defer_result defer_result_for_analysis_only_

#else
#error "the defer plugin is not loaded: compile with -fplugin=defer (GCC) or -fplugin=/path/to/defer-clang.so (Clang), or use the flags of pkg-config --cflags defer-gcc"
#endif

#endif
