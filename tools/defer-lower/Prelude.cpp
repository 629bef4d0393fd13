// SPDX-License-Identifier: MIT
// What a lowered file needs before its own first line: <defer.h> without
// the plugin (its panic API, and `defer` parsed as dead code, which the
// lowered file no longer has), and for run-time records libdefer's
// interface and the allocation of a record of any alignment.

#include "Prelude.h"

namespace defer_lower {

static const char noinlinePrelude[] =
    R"(/* libdefer tells a function's records by its stack frame.  */
#if defined(__GNUC__) || defined(__clang__)
#define __DEFER_LOWER_NOINLINE __attribute__ ((__noinline__))
#else
#define __DEFER_LOWER_NOINLINE
#endif
)";

static const char recordsPrelude[] = R"(#include <stddef.h>
#include <stdint.h>
/* tcc has no _Thread_local; the lowered code never uses libdefer's
   thread-local pool cursor that <defer-runtime.h> declares with it.  */
#if defined(__TINYC__) && !defined(_Thread_local)
#define _Thread_local
#endif
#include <defer-runtime.h>

/* A record from libdefer's pool, aligned as its type asks.  */
static void *
__defer_lower_alloc (struct __defer_frame *frame, size_t size, size_t align)
{
  size_t extra = align > __DEFER_POOL_ALIGN ? align : 0;
  char *p = (char *) __libdefer_alloc (frame, size + extra);
  if (extra)
    p += (align - (size_t) ((uintptr_t) p % align)) % align;
  return p;
}
)";

std::string prelude(const std::string &file, const FileNeeds &needs) {
  std::string text = "/* " + file +
                     ", lowered by defer-lower: plain C, compiled without the "
                     "defer plugin.  */\n"
                     "#ifndef DEFER_ANALYSIS_ONLY\n"
                     "#define DEFER_ANALYSIS_ONLY 1\n"
                     "#endif\n";
  if (needs.memcpy)
    text += "#include <string.h>\n";
  if (needs.noinline)
    text += noinlinePrelude;
  if (needs.records)
    text += recordsPrelude;
  text += "#line 1 \"" + file + "\"\n";
  return text;
}

} // namespace defer_lower
