/* GCC internals the defer plugin uses, included in an order that works.

   Every plugin source includes this header and nothing else from GCC, so
   that differences between GCC versions stay in one place: the plugin
   builds with GCC 11 to 16, and the section "Differences between GCC
   releases" below is where a release's API changes are absorbed.  */

#ifndef DEFER_GCC_COMMON_H
#define DEFER_GCC_COMMON_H

#define INCLUDE_VECTOR
#define INCLUDE_ALGORITHM
#define INCLUDE_STRING
#include "bversion.h"
#include "gcc-plugin.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tree.h"
/* The C front end's headers must come before diagnostic-core.h.  */
#include "c-family/c-common.h"
#include "c-family/c-pragma.h"
#include "c-tree.h"
#include "tree-iterator.h"
#include "gimplify.h"
#include "stringpool.h"
#include "attribs.h"
#include "stor-layout.h"
#include "langhooks.h"
#include "diagnostic.h"
#include "diagnostic-core.h"
#include "tree-pretty-print.h"
#include "print-tree.h"
#include "cgraph.h"
#include "cpplib.h"
#include "intl.h"
#include "calls.h"
#include "output.h"
#include "tree-nested.h"
#include "hash-map.h"
#include "hash-set.h"

#include "messages.h"
#include "options.h"

/* --- Differences between GCC releases ------------------------------------
   GCC 11 to 16.  BUILDING_GCC_VERSION is major * 1000 + minor.  */

#if BUILDING_GCC_VERSION < 12000
/* system.h has it from GCC 12 on.  */
static inline bool
startswith (const char *str, const char *prefix)
{
  return strncmp (str, prefix, strlen (prefix)) == 0;
}

/* GCC 12 suppresses warnings one option at a time; GCC 11 has one flag
   per tree, for all of them.  */
static inline void
suppress_warning (tree t, int = 0, bool suppress = true)
{
  TREE_NO_WARNING (t) = suppress;
}

/* The unavailable attribute is GCC 12's (<defer.h> uses it only there):
   under GCC 11 nothing is unavailable.  */
#define TREE_UNAVAILABLE(NODE) (((void) (NODE)), false)
#endif

/* Where a statement may stand alone (the body of an if, else, for, while
   or do, or after a label), GCC 11's C parser takes a pragma for the
   whole statement: `for (int i = 0; i < n; i++) _Pragma ("x") f (i);`
   ends the loop at the pragma, and f (i) follows it.  GCC 12 and later
   parse the statement after the pragma.  keyword.cc's `defer` starts
   with a pragma, so under GCC 11 that one runs in the preprocessor and
   never reaches the parser.  */
#define DEFER_GCC_PRAGMA_IS_STATEMENT (BUILDING_GCC_VERSION < 12000)

/* Symbols of the C front end, weak so that the plugin still loads into
   lto1 (where it has nothing left to do) and cc1plus (where it refuses
   with a clear message) instead of failing on an undefined symbol.  */
extern cpp_reader *parse_in __attribute__ ((weak));
extern void c_bind (location_t, tree, bool) __attribute__ ((weak));
extern tree pushdecl (tree) __attribute__ ((weak));
extern tree lookup_name (tree) __attribute__ ((weak));
extern enum cpp_ttype pragma_lex (tree *, location_t *) __attribute__ ((weak));
extern void c_register_pragma (const char *, const char *, pragma_handler_1arg)
  __attribute__ ((weak));
extern int current_function_returns_value __attribute__ ((weak));
extern void (*lang_post_pch_load) (void) __attribute__ ((weak));

#endif
