/* SPDX-License-Identifier: MIT */
/* The per-site report of -fplugin-arg-defer-report, printed from the
   plan, so that it says what the lowering emits, e.g.
   "'defer' is open-coded as bit 2 of the defer mask: every 'defer' in
   'f' runs at most once per call".  */

#ifndef DEFER_REPORT_H
#define DEFER_REPORT_H

#include "analysis.h"
#include "model.h"
#include "plan.h"

#include <string>

namespace defer_rules {

std::string describe_site (const Function &fn, const Analysis &a,
			   const Plan &p, unsigned site);

} // namespace defer_rules

#endif
