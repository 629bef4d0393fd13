// SPDX-License-Identifier: MIT
/* The rules of keywords.h.  */

#include "keywords.h"

namespace defer_rules {

const char *const go_expansion
  = "_Pragma(\"defer site\") for (; __defer_site (); )";
const char *const scoped_expansion
  = "_Pragma(\"defer block\") for (; __defer_site (); __defer_site ())";

std::vector<Macro>
keyword_macros (const Options &opts, bool native_scoped)
{
  std::vector<Macro> list = {{"__DEFER__", "1"}, {"__defer", go_expansion}};
  if (!native_scoped)
    list.push_back ({"_Defer", scoped_expansion});
  if (opts.ts)
    {
      list.push_back ({"defer", "_Defer"});
      list.push_back ({"__STDC_DEFER_TS25755__", "1"});
    }
  else if (opts.keyword)
    list.push_back ({"defer", go_expansion});
  return list;
}

std::string
check_redefinition (const Options &opts, bool native_scoped,
		    const std::string &name, const std::string &body)
{
  if (name == "__defer" || (name == "_Defer" && !native_scoped))
    return "'" + name + "' is the defer plugin's statement and cannot be "
	   "redefined while the plugin is loaded";
  if (name != "defer")
    return "";
  /* <stddefer.h>'s definition, in TS mode the plugin's own.  */
  if (opts.ts)
    return body == "_Defer" ? ""
			    : "'defer' is the TS's '_Defer' under "
			      "-fplugin-arg-defer-ts and cannot be redefined";
  if (!opts.keyword)
    return "";
  if (body == "_Defer")
    return "'defer' is redefined as '_Defer' (<stddefer.h> does this) while "
	   "the defer plugin's Go-style 'defer' is active: for the TS's "
	   "block-scoped 'defer', compile with -fplugin-arg-defer-ts (the "
	   "Go-style statement is then '__defer')";
  return "'defer' is redefined while the defer plugin's 'defer' is active: "
	 "to give the word to this definition, compile with "
	 "-fplugin-arg-defer-no-keyword, and write the plugin's statement "
	 "'__defer'";
}

} // namespace defer_rules
