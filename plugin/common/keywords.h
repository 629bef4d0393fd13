// SPDX-License-Identifier: MIT
/* The words the plugins make statements, once for both: which macros each
   mode predefines, and which #define of those words in the code is refused
   (with what text) or allowed.

     always      __DEFER__ 1, __defer (Go-style, function-scoped), and
		 _Defer (the TS's block-scoped statement) where the
		 compiler has no keyword of its own
     default     defer: the Go-style statement
     no-keyword  no defer
     ts          defer: _Defer (as <stddefer.h> has it, so including that
		 header changes nothing), __STDC_DEFER_TS25755__ 1  */

#ifndef DEFER_KEYWORDS_H
#define DEFER_KEYWORDS_H

#include "options.h"

#include <string>
#include <vector>

namespace defer_rules {

/* The expansion of the Go-style statement: a marker loop whose body is
   the deferred block, found by the plugin's pass.  */
extern const char *const go_expansion;
/* The expansion of a plugin-made _Defer: the marker loop with a step,
   which tells it from a Go-style one.  */
extern const char *const scoped_expansion;

struct Macro
{
  std::string name, body;
};

/* The macros to predefine, in order.  NATIVE_SCOPED: the compiler has
   `_Defer` as a keyword of its own (Clang 22).  */
std::vector<Macro> keyword_macros (const Options &opts, bool native_scoped);

/* A #define of NAME with BODY (its replacement text, tokens separated
   by single spaces) in the code: "" when it may stand, otherwise the
   fatal error's text.  Only the plugin's own words are refused.  */
std::string check_redefinition (const Options &opts, bool native_scoped,
				const std::string &name,
				const std::string &body);

} // namespace defer_rules

#endif
