/* SPDX-License-Identifier: MIT */
/* The plugins' options, -fplugin-arg-defer-<KEY>, parsed once for both:
   what each asks for, and the error for one that does not exist, with the
   nearest that does.  */

#ifndef DEFER_OPTIONS_H
#define DEFER_OPTIONS_H

#include <string>
#include <vector>

namespace defer_rules {

struct Options
{
  bool keyword = true; /* define plain `defer`, not only `__defer` */
  /* TS mode: `defer` is the TS's block-scoped `_Defer`, as <stddefer.h>
     makes it; the Go-style statement is `__defer`.  */
  bool ts = false;
  bool report = false; /* a note per site: lowering and why */
  bool dump = false;   /* print each lowered function to stderr */
  bool unwind = true;  /* deferred blocks run on unwinding */
  bool version = false; /* print the version line */
  /* Plugin warnings turned off by Wno-NAME.  */
  std::vector<std::string> silenced;

  bool warning_enabled (const std::string &name) const;
};

/* Apply the option KEY (what follows -fplugin-arg-defer-) to OPTS; false,
   with the error's text in *ERROR, if there is no such option.  */
bool parse_option (const std::string &key, Options &opts, std::string *error);

/* What -fplugin-arg-defer-version prints: this project's version and the
   compiler (name and version) the plugin was built for.  */
std::string version_line (const std::string &compiler);

/* Every option's key, for messages and help.  */
const std::vector<std::string> &option_keys ();

/* The known WORD closest to NAME (by edit distance), or "" when none is
   close enough to be what was meant.  */
std::string nearest (const std::string &name,
		     const std::vector<std::string> &words);

} // namespace defer_rules

#endif
