/* SPDX-License-Identifier: MIT */
/* Reading runtime/include/defer-abi.def: define the macros for what a
   reader wants, include this file, and the others expand to nothing; the
   table's macros are undefined again afterwards.  */

#ifndef DEFER_ABI_CONSTANT
#define DEFER_ABI_CONSTANT(name, value)
#endif
#ifndef DEFER_ABI_STRUCT
#define DEFER_ABI_STRUCT(name, tag)
#endif
#ifndef DEFER_ABI_FIELD
#define DEFER_ABI_FIELD(name, field, type)
#endif
#ifndef DEFER_ABI_END
#define DEFER_ABI_END(name)
#endif
#ifndef DEFER_ABI_TLS
#define DEFER_ABI_TLS(name, symbol, type)
#endif
#ifndef DEFER_ABI_ENTRY0
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)
#endif
#ifndef DEFER_ABI_ENTRY1
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)
#endif
#ifndef DEFER_ABI_ENTRY2
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)
#endif

#ifndef DEFER_ABI_ENTRY4
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)
#endif

#ifndef DEFER_ABI_API
#define DEFER_ABI_API(symbol)
#endif
#ifndef DEFER_ABI_LINK_CHECK
#define DEFER_ABI_LINK_CHECK(symbol, section)
#endif

#include "defer-abi.def"
#include "defer-abi-undef.h"
