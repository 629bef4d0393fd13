/* SPDX-License-Identifier: MIT */
/* Neutral diagnostics: what the shared rules find wrong with a function,
   for each plugin to give in its compiler's own way (error_at and inform
   under GCC, the DiagnosticsEngine under Clang).  */

#ifndef DEFER_DIAGNOSTICS_H
#define DEFER_DIAGNOSTICS_H

#include "model.h"

#include <string>
#include <vector>

namespace defer_rules {

/* The warnings, each with the name a user controls it by.  */
enum class Warning
{
  none,	      /* an error */
  empty_body, /* the compiler's own -Wempty-body */
  copy,	      /* -fplugin-arg-defer-Wno-copy */
  unwind,     /* -fplugin-arg-defer-Wno-unwind */
};

/* The name of the plugin option that controls W ("copy" for
   -fplugin-arg-defer-Wno-copy), or null for a compiler option.  */
const char *plugin_warning_name (Warning w);

struct Note
{
  Where where;
  std::string text;
};

struct Diagnostic
{
  Warning warning = Warning::none; /* none: an error */
  unsigned at = 0;		   /* the position it is about */
  Where where;
  std::string text;
  std::vector<Note> notes;

  bool is_error () const { return warning == Warning::none; }
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors (const Diagnostics &diags);

/* An error at WHERE, the position AT, with NOTES; appended to OUT.  */
void add_error (Diagnostics &out, unsigned at, Where where,
		const std::string &text, std::vector<Note> notes = {});

/* The empty-body warning for the `defer` or `_Defer` at AT.  */
void add_empty_body_warning (Diagnostics &out, unsigned at, Where where);

/* In source order (by position), the order in which a compiler reads
   the code.  */
void sort_by_position (Diagnostics &diags);

} // namespace defer_rules

#endif
