/* GCC internals the defer plugin uses, included in an order that works.

   Every plugin source includes this header and nothing else from GCC, so
   that differences between GCC versions stay in one place.  The plugin is
   built and tested against GCC 12.  */

#ifndef DEFER_GCC_COMMON_H
#define DEFER_GCC_COMMON_H

#define INCLUDE_VECTOR
#define INCLUDE_ALGORITHM
#define INCLUDE_STRING
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
