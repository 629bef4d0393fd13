/* SPDX-License-Identifier: MIT */
/* Interfaces between the files of the GCC defer plugin.  */

#ifndef DEFER_GCC_H
#define DEFER_GCC_H

#include "gcc-common.h"

namespace defer_gcc {

/* What the -fplugin-arg-defer-... options asked for.  */
using defer_options = defer_rules::Options;
extern defer_options defer_opts;

/* Whether the plugin warning NAME (defer_rules::plugin_warning_name) is
   on.  */
bool warning_enabled (const char *name);

/* keyword.cc: how `defer` reaches the parser and how a site is told
   apart from user code afterwards.  */
void defer_start_unit (void *gcc_data, void *user_data);
void defer_register_pragmas (void *gcc_data, void *user_data);
void defer_file_change (void *gcc_data, void *user_data);
bool defer_site_marker_p (tree stmt);
bool defer_scoped_marker_p (tree stmt);
/* The `_Defer` marker STMT is, or holds as a block of its own.  */
tree defer_scoped_marker_in (tree stmt);
bool defer_result_decl_p (tree decl);
/* Whether a `defer` was parsed in FNDECL; forgets it.  */
bool defer_take_function (tree fndecl);
/* <defer.h>'s file-scope __defer_result, which only misuse refers to.  */
tree defer_result_guard (void);

/* expansion-check.cc: refuse `defer` used as an identifier, or followed
   by a declaration, where it is expanded, and a #define of the words.  */
void watch_expansions (void);
/* Where the last `defer` or `__defer` was expanded, or UNKNOWN_LOCATION.  */
location_t last_keyword_expansion (void);

/* unwinding.cc: a declaration of a unit compiled with unwinding support
   loses its nothrow (PLUGIN_FINISH_DECL, and each definition).  */
void defer_drop_nothrow (tree fndecl);
void defer_finish_decl (void *gcc_data, void *user_data);
/* The same at link time under -flto for the functions compiled without
   -fexceptions (PLUGIN_PASS_EXECUTION, PLUGIN_ALL_PASSES_END).  */
void defer_forget_nothrow_after_ipa (void *gcc_data, void *user_data);
void defer_forget_nothrow_after_function (void *gcc_data, void *user_data);

/* empty-cleanups.cc: no try-finally with an empty side reaches GCC's EH
   pass (PLUGIN_PASS_EXECUTION).  */
void defer_drop_empty_cleanups (void *gcc_data, void *user_data);

/* landing-pad-phis.cc: no landing pad reaches GCC's EH cleanup with a
   PHI of one constant argument, which the cleanup mishandles
   (PLUGIN_PASS_EXECUTION).  */
void defer_propagate_landing_pad_phis (void *gcc_data, void *user_data);

/* fill-versioning.cc: loops pushing records onto the stack get a copy
   without room tests, taken when the pass count leaves room for all
   (a pass of the loop optimisers).  */
void register_fill_versioning (const char *plugin_name);

/* debug-lines.cc: the code around the deferred blocks loses its
   placeholder location before EH lowering (PLUGIN_PASS_EXECUTION).  */
void defer_forget_no_line (void *gcc_data, void *user_data);

/* lower-scoped.cc: each `_Defer` of FNDECL made a cleanup of the rest of
   its block; those in CLEANUPS also when they end their block.  */
void lower_scoped_defers (tree fndecl, hash_set<tree> &cleanups);

/* pass.cc: the PRE_GENERICIZE and FINISH_PARSE_FUNCTION callbacks.  */
void defer_lower_function (void *gcc_data, void *user_data);
void defer_dump_function (void *gcc_data, void *user_data);

/* The GC roots of keyword.cc and runtime-abi.cc.  */
extern const struct ggc_root_tab defer_gc_roots[];
extern const struct ggc_root_tab defer_abi_gc_roots[];

} // namespace defer_gcc

#endif
