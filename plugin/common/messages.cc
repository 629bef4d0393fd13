// SPDX-License-Identifier: MIT
/* The texts of messages.h that name a variable, and the warning names of
   diagnostics.h.  */

#include "diagnostics.h"
#include "messages.h"

#include <algorithm>

namespace defer_rules {

static std::string
quoted (const std::string &s)
{
  return "'" + s + "'";
}

std::string
vla_in_deferred_block (const std::string &name)
{
  return "variable-length array " + quoted (name)
	 + " is declared in an inner block and cannot be used by a deferred "
	   "block";
}

std::string
vla_copy (const std::string &name)
{
  return "variable-length array " + quoted (name)
	 + " cannot be copied for a 'defer' that may run many times per call";
}

std::string
vla_pointer_copy (const std::string &name, const std::string &size_var)
{
  return quoted (name) + " points to a variable-length array whose size "
	 "reads " + quoted (size_var) + ", declared in the same loop or cycle: "
	 "it cannot be copied for a 'defer' that may run many times per call";
}

std::string
copied_then_assigned (const std::string &name)
{
  return "assignment to " + quoted (name)
	 + " after the 'defer' that copies it does not change the deferred "
	   "block's copy";
}

std::string
copied_then_address_taken (const std::string &name)
{
  return "address of " + quoted (name)
	 + " taken after the 'defer' that copies it; the deferred block uses "
	   "its own copy";
}

std::string
note_copied_here (const std::string &name)
{
  return quoted (name) + " is copied here, when the 'defer' registers";
}

const char *
plugin_warning_name (Warning w)
{
  switch (w)
    {
    case Warning::copy:
      return "copy";
    case Warning::unwind:
      return "unwind";
    default:
      return nullptr;
    }
}

bool
has_errors (const Diagnostics &diags)
{
  for (const Diagnostic &d : diags)
    if (d.is_error ())
      return true;
  return false;
}

void
add_error (Diagnostics &out, unsigned at, Where where, const std::string &text,
	   std::vector<Note> notes)
{
  Diagnostic d;
  d.at = at;
  d.where = where;
  d.text = text;
  d.notes = std::move (notes);
  out.push_back (std::move (d));
}

void
add_empty_body_warning (Diagnostics &out, unsigned at, Where where)
{
  Diagnostic d;
  d.warning = Warning::empty_body;
  d.at = at;
  d.where = where;
  d.text = msg::empty_body;
  out.push_back (std::move (d));
}

} // namespace defer_rules

namespace defer_rules {

void
sort_by_position (Diagnostics &diags)
{
  std::stable_sort (diags.begin (), diags.end (),
		    [] (const Diagnostic &a, const Diagnostic &b) {
		      return a.at < b.at;
		    });
}

} // namespace defer_rules
