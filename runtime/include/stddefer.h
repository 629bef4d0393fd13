/* SPDX-License-Identifier: MIT */
/* <stddefer.h> of ISO/IEC TS 25755 (block-scoped defer) for compilers
   given the defer plugin in its TS mode, -fplugin-arg-defer-ts: `defer`
   is then the TS's `_Defer`, which the plugin provides where the
   compiler has none.  A compiler with its own (Clang 22 with -fdefer-ts)
   gets the same definitions.  */

#ifndef __STDC_VERSION_STDDEFER_H__

#ifndef __STDC_DEFER_TS25755__
#error "<stddefer.h> needs the TS's block-scoped defer: compile with -fplugin-arg-defer-ts (the defer plugin's Go-style statement is then '__defer')"
#endif

#define __STDC_VERSION_STDDEFER_H__ 202602L
#define defer _Defer

#endif
