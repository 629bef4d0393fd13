// SPDX-License-Identifier: MIT
/* The shared rules' diagnostics (plugin/common/diagnostics.h), given as
   GCC gives its own: error_at and warning_at with notes.  */

#include "diagnose.h"

namespace defer_gcc {

namespace {

/* GCC's own option for W, or 0 for a warning the plugin's options
   control.  */
int
gcc_option (defer_rules::Warning w)
{
  return w == defer_rules::Warning::empty_body ? OPT_Wempty_body : 0;
}

/* The text of D, with the plugin option that controls it in GCC's
   "[-Wfoo]" style.  */
std::string
text_of (const defer_rules::Diagnostic &d)
{
  const char *name = defer_rules::plugin_warning_name (d.warning);
  if (!name)
    return d.text;
  return d.text + " [-fplugin-arg-defer-W" + name + "]";
}

} // namespace

void
give_diagnostics (const defer_scan &scan,
		  const defer_rules::Diagnostics &diags)
{
  for (const defer_rules::Diagnostic &d : diags)
    {
      location_t loc = scan.locations[d.where.token];
      const char *name = defer_rules::plugin_warning_name (d.warning);
      if (name && !warning_enabled (name))
	continue;
      auto_diagnostic_group group;
      std::string text = text_of (d);
      bool shown = true;
      if (d.is_error ())
	error_at (loc, "%s", text.c_str ());
      else
	shown = warning_at (loc, gcc_option (d.warning), "%s", text.c_str ());
      if (shown)
	for (const defer_rules::Note &n : d.notes)
	  inform (scan.locations[n.where.token], "%s", n.text.c_str ());
    }
}

} // namespace defer_gcc
