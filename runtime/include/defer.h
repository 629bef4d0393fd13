/* SPDX-License-Identifier: MIT */
/* <defer.h>: the run-time API of Go-style `defer` for C.

   `defer` itself needs no header: loading the plugin makes it a statement
   (gcc -fplugin=defer, clang -fplugin=.../defer-clang.so).  This header
   adds what a deferred block may use:

     defer_result   inside a deferred block, an lvalue for the value the
		    function is returning; assigning to it changes what the
		    caller receives (Go's named result).

     defer_panic (message), defer_panicf (format, ...),
     defer_panic_data (message, data)
		    raise a panic (docs/REFERENCE.md, "Panics and recover"): the thread
		    unwinds, running every pending deferred block, newest
		    first, until a deferred block recovers.  Unrecovered,
		    the panic is printed with where it was raised and a
		    stack trace, and the process exits with status 2.
     defer_recover ()
		    in a deferred block that runs because a panic unwinds
		    its function: stops the panic and returns what it
		    carries (valid until that function returns); the
		    function finishes its deferred blocks and returns
		    defer_result to its caller.  Anywhere else: null.

   The panic functions live in libdefer (-ldefer).

   Without the plugin, including this header is an error that says so,
   except for tools that only read the code (cppcheck given __CPPCHECK__,
   the Clang static analyzer, or any tool given -DDEFER_ANALYSIS_ONLY, e.g.
   clangd through its .clangd file): they see `defer` as a statement that
   never runs its block, which is valid C.  Static analysers that load the
   plugin (GCC's -fanalyzer, clang --analyze, clang-tidy --load) see the
   blocks run at every exit instead (docs/REFERENCE.md, "Diagnostics").  */

#ifndef DEFER_H
#define DEFER_H

/* What a panic carries.  */
typedef struct defer_panic_info {
  const char *message;  /* the text given to defer_panic (formatted) */
  void *data;           /* the pointer given to defer_panic_data, or null */
  const char *file;     /* where the panic was raised */
  int line;
  const char *function;
} defer_panic_info;

#ifdef __cplusplus
extern "C" {
#endif
__attribute__ ((__noreturn__, __visibility__ ("default"))) void
__defer_panic (const char *message, void *data, const char *file, int line,
	       const char *function);
__attribute__ ((__noreturn__, __visibility__ ("default"),
		__format__ (__printf__, 4, 5))) void
__defer_panicf (const char *file, int line, const char *function,
		const char *format, ...);
/* The plugins replace the calls in deferred blocks; any other call is
   left to this function, which always returns null.  nothrow keeps its
   calls plain calls, which Clang's warning attribute needs.  */
__attribute__ ((__visibility__ ("default"), __nothrow__,
		__warning__ ("defer_recover () outside a deferred block always "
			     "returns a null pointer")))
const defer_panic_info *__defer_recover (void);
#ifdef __cplusplus
}
#endif

#define defer_panic(message) \
  __defer_panic ((message), (void *) 0, __FILE__, __LINE__, __func__)
#define defer_panic_data(message, data) \
  __defer_panic ((message), (data), __FILE__, __LINE__, __func__)
#define defer_panicf(...) \
  __defer_panicf (__FILE__, __LINE__, __func__, __VA_ARGS__)
#define defer_recover() __defer_recover ()

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

/* A function's first `defer` declares its __defer_result, for its
   deferred blocks.  Under GCC this one is what every other use finds (at
   file scope, or in a function before its first `defer`), and GCC 12 and
   later refuse it; the plugin refuses the uses it finds in a function's
   code, and one that GCC 11 lets through fails to link.  The Clang plugin
   declares both when a lookup of the name finds nothing.  */
#if !defined(__clang__)
#if __GNUC__ >= 12
__attribute__ ((__unavailable__ ("'defer_result' used outside a deferred "
				 "block")))
#endif
extern int __defer_result;
#endif
#define defer_result __defer_result

#elif defined(DEFER_BUILDING_LIBDEFER)

/* libdefer itself: only the panic API above.  */

#elif defined(__CPPCHECK__)

/* cppcheck (given -D__CPPCHECK__ or the library file defer.cfg): the
   deferred block is parsed but never runs, and the call of a function
   cppcheck cannot see (__defer_registered is declared nowhere), ending a
   block, tells it that what is allocated so far may be released
   elsewhere: no leak is reported for it after the `defer`, and what is
   allocated later is still checked.  */
#define defer if (1) { __defer_registered (); } else
#define __defer if (1) { __defer_registered (); } else
extern int defer_result_for_analysis_only_;
#define defer_result defer_result_for_analysis_only_

#elif defined(DEFER_ANALYSIS_ONLY) || defined(__clang_analyzer__)

#define defer if (1) {} else
#define __defer if (1) {} else
extern int defer_result_for_analysis_only_;
#define defer_result defer_result_for_analysis_only_

#else
#error "the defer plugin is not loaded: compile with -fplugin=defer (GCC) or -fplugin=/path/to/defer-clang.so (Clang), or use the flags of pkg-config --cflags defer-gcc"
#endif

#endif
