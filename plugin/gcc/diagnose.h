/* SPDX-License-Identifier: MIT */
/* Giving the shared rules' diagnostics in GCC's style.  */

#ifndef DEFER_GCC_DIAGNOSE_H
#define DEFER_GCC_DIAGNOSE_H

#include "diagnostics.h"
#include "scan.h"

namespace defer_gcc {

void give_diagnostics (const defer_scan &scan,
		       const defer_rules::Diagnostics &diags);

} // namespace defer_gcc

#endif
