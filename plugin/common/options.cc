// SPDX-License-Identifier: MIT
/* The options of options.h.  */

#include "options.h"

#include <algorithm>

namespace defer_rules {

namespace {

/* The plugin warnings (diagnostics.h's plugin_warning_name).  */
const char *const warnings[] = {"copy", "unwind"};

bool
known_warning (const std::string &name)
{
  return std::find (std::begin (warnings), std::end (warnings), name)
	 != std::end (warnings);
}

unsigned
edit_distance (const std::string &a, const std::string &b)
{
  std::vector<unsigned> row (b.size () + 1);
  for (unsigned j = 0; j <= b.size (); j++)
    row[j] = j;
  for (unsigned i = 1; i <= a.size (); i++)
    {
      unsigned diagonal = row[0];
      row[0] = i;
      for (unsigned j = 1; j <= b.size (); j++)
	{
	  unsigned above = row[j];
	  row[j] = std::min ({row[j] + 1, row[j - 1] + 1,
			      diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
	  diagonal = above;
	}
    }
  return row[b.size ()];
}

} // namespace

bool
Options::warning_enabled (const std::string &name) const
{
  return std::find (silenced.begin (), silenced.end (), name)
	 == silenced.end ();
}

std::string
version_line (const std::string &compiler)
{
  return std::string ("defer ") + DEFER_VERSION_STRING + " (plugin for "
	 + compiler + ")";
}

const std::vector<std::string> &
option_keys ()
{
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k{"no-keyword", "ts", "report", "dump",
			       "no-unwind", "version"};
    for (const char *w : warnings)
      {
	k.push_back (std::string ("W") + w);
	k.push_back (std::string ("Wno-") + w);
      }
    return k;
  }();
  return keys;
}

bool
parse_option (const std::string &key, Options &opts, std::string *error)
{
  if (key == "no-keyword")
    opts.keyword = false;
  else if (key == "ts")
    opts.ts = true;
  else if (key == "report")
    opts.report = true;
  else if (key == "dump")
    opts.dump = true;
  else if (key == "no-unwind")
    opts.unwind = false;
  else if (key == "version")
    opts.version = true;
  else if (key.rfind ("Wno-", 0) == 0 && known_warning (key.substr (4)))
    opts.silenced.push_back (key.substr (4));
  else if (key.rfind ("W", 0) == 0 && known_warning (key.substr (1)))
    opts.silenced.erase (std::remove (opts.silenced.begin (),
				      opts.silenced.end (), key.substr (1)),
			 opts.silenced.end ());
  else
    {
      *error = "unknown option '-fplugin-arg-defer-" + key + "'";
      std::string near = nearest (key, option_keys ());
      if (!near.empty ())
	*error += "; did you mean '-fplugin-arg-defer-" + near + "'?";
      return false;
    }
  return true;
}

std::string
nearest (const std::string &name, const std::vector<std::string> &words)
{
  std::string best;
  unsigned best_distance = ~0u;
  for (const std::string &w : words)
    {
      unsigned d = edit_distance (name, w);
      if (d < best_distance)
	{
	  best = w;
	  best_distance = d;
	}
    }
  /* Up to a third of the name wrong, as GCC's own spell-checker allows.  */
  return best_distance <= std::max<size_t> (1, name.size () / 3) ? best : "";
}

} // namespace defer_rules
