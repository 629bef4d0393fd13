/* SPDX-License-Identifier: MIT */
/* Every rule of the language that looks at a function, in one call: the
   checks (check.h), the cycles of backward gotos (spans.h), the copies
   (copies.h), the guards (guards.h) and the bounds (bounds.h).  */

#ifndef DEFER_ANALYSIS_H
#define DEFER_ANALYSIS_H

#include "diagnostics.h"
#include "model.h"
#include "spans.h"

#include <vector>

namespace defer_rules {

struct SiteAnalysis
{
  bool in_loop = false;
  bool in_goto_cycle = false;
  unsigned long max_runs = 0; /* per call, 0 if unknown */
  std::vector<int> copies;    /* variables copied when it registers */
  bool stable_guard = false;  /* `if (c) defer X;`: c is tested at exit */
};

struct Analysis
{
  Diagnostics diagnostics; /* in source order */
  bool computed_goto = false;
  std::vector<Cycle> cycles;
  std::vector<SiteAnalysis> sites;
};

Analysis analyse (const Function &fn);

} // namespace defer_rules

#endif
