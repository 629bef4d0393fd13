// SPDX-License-Identifier: MIT
/* The defer plugin for GCC: Go-style, function-scoped `defer` for C.

   Use:   gcc -fplugin=defer file.c          (installed into GCC's plugin dir)
	  gcc -fplugin=/path/to/defer.so file.c

   Options:
     -fplugin-arg-defer-no-keyword  only the reserved spelling `__defer`
     -fplugin-arg-defer-ts          TS mode: `defer` is the block-scoped
				    `_Defer` of ISO/IEC TS 25755 (always
				    there as `_Defer`), `__defer` Go-style
     -fplugin-arg-defer-report      a note at every `defer`: the lowering
				    chosen for its function, and why
     -fplugin-arg-defer-dump        print every lowered function to stderr
     -fplugin-arg-defer-no-unwind   no -fexceptions: panics, pthread_exit
				    and pthread_cancel then skip the
				    deferred blocks
     -fplugin-arg-defer-Wno-copy    no warning for a copied variable
				    changed after its `defer`
     -fplugin-arg-defer-Wno-unwind  (Clang's only warning of this kind)

   How it works (docs/ARCHITECTURE.md): keyword.cc makes `defer BLOCK`
   parse as a marker loop around BLOCK; at PLUGIN_PRE_GENERICIZE, pass.cc
   scans the function into the neutral model (scan.cc), hands it to the
   analysis and plan shared with the Clang plugin (plugin/common), gives
   their diagnostics, and rewrites the function as planned (lower*.cc):
   try/finally regions that run the deferred blocks on every exit, also
   when unwinding with -fexceptions.

   Limits: C only (docs/REFERENCE.md, "Limits").  */

#include "defer-gcc.h"
#include "plugin-version.h"
#include "runtime-abi.h"

/* What GCC looks for in a plugin: all else is hidden, in defer_gcc.  */
__attribute__ ((visibility ("default"))) int plugin_is_GPL_compatible;

namespace defer_gcc {

static struct plugin_info defer_plugin_info = {
  DEFER_VERSION_STRING,
  "Go-style function-scoped defer for C; "
  "options: no-keyword, ts, report, dump, no-unwind, version, Wno-copy, "
  "Wno-unwind",
};

defer_options defer_opts;


bool
warning_enabled (const char *name)
{
  return defer_opts.warning_enabled (name);
}

/* The options, by the rules both plugins share (plugin/common/options.h);
   every unknown one is an error.  */
static bool
parse_options (int argc, struct plugin_argument *argv)
{
  bool ok = true;
  for (int i = 0; i < argc; i++)
    {
      std::string error;
      if (!defer_rules::parse_option (argv[i].key, defer_opts, &error))
	{
	  ::error ("%s", error.c_str ());
	  ok = false;
	}
    }
  return ok;
}

/* "GNU C89" ... "GNU C2X", but not "GNU C++" or Objective-C.  */
static bool
c_front_end_p (const char *lang)
{
  return (startswith (lang, "GNU C")
	  && (lang[5] == '\0' || ISDIGIT (lang[5])));
}

} // namespace defer_gcc

using namespace defer_gcc;

__attribute__ ((visibility ("default"))) int
plugin_init (struct plugin_name_args *info, struct plugin_gcc_version *version)
{
  const char *name = info->base_name;
  if (!plugin_default_version_check (version, &gcc_version))
    {
      error ("the defer plugin was built for GCC %s and cannot be loaded "
	     "into GCC %s", gcc_version.basever, version->basever);
      return 1;
    }
  /* GCC 12's -fanalyzer drops the values it takes to be dead as it goes
     (state purging), and in lowered functions it drops some too early:
     with unwinding, a call that can unwind has its result on the
     unwinding edge too, where the landing pad does not use it, so the
     FILE of `f = fopen (...)` made while a deferred block is pending is
     reported leaked there; without, in a function analysed from its
     caller, the defer mask reached the deferred blocks unknown and the
     path that frees nothing was taken.  Keeping values until the path
     ends removes both, and leaks are still found on every normal path,
     when the frame is popped.  Only the analyzer reads this (it takes
     longer); -fanalyzer-state-purge asks for purging back.  */
  if (flag_analyzer && !global_options_set.x_flag_analyzer_state_purge)
    flag_analyzer_state_purge = 0;
  bool lto = !strcmp (lang_hooks.name, "GNU GIMPLE");
  if (!lto && !c_front_end_p (lang_hooks.name))
    {
      error ("the defer plugin supports only C; it cannot be loaded into "
	     "the %s front end", lang_hooks.name);
      return 1;
    }
  if (!parse_options (info->argc, info->argv))
    return 1;
  if (defer_opts.version)
    fprintf (stderr, "%s\n",
	     defer_rules::version_line (std::string ("GCC ")
					+ gcc_version.basever).c_str ());
  /* Under -flto the functions were lowered when they were compiled; the
     landing pads are made now.  */
  register_fill_versioning (name);
  if (lto)
    {
      register_callback (name, PLUGIN_ALL_IPA_PASSES_START,
			 route_resume_after_lto, NULL);
      register_callback (name, PLUGIN_FINISH_UNIT, emit_resume_stub, NULL);
      register_callback (name, PLUGIN_FINISH_UNIT, emit_link_check, NULL);
      if (defer_opts.unwind)
	{
	  register_callback (name, PLUGIN_PASS_EXECUTION,
			     defer_propagate_landing_pad_phis, NULL);
	  register_callback (name, PLUGIN_PASS_EXECUTION,
			     defer_forget_nothrow_after_ipa, NULL);
	  register_callback (name, PLUGIN_ALL_PASSES_END,
			     defer_forget_nothrow_after_function, NULL);
	}
      return 0;
    }
  /* Panics, pthread_exit and pthread_cancel unwind the stack: deferred
     blocks run then only from cleanups, which C gets with -fexceptions.
     It adds nothing to functions without cleanups; for those with, the
     cleanups are tables and landing pads off the normal path.  */
  if (defer_opts.unwind)
    {
      flag_exceptions = 1;
      register_callback (name, PLUGIN_FINISH_DECL, defer_finish_decl, NULL);
    }

  register_callback (name, PLUGIN_INFO, NULL, &defer_plugin_info);
  /* Keep the marker function alive across garbage collections.  */
  register_callback (name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
		     (void *) defer_gc_roots);
  register_callback (name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
		     (void *) defer_abi_gc_roots);
  /* The pragma every `defer` expands to: this event comes before the
     file is preprocessed, also under -E.  */
  register_callback (name, PLUGIN_PRAGMAS, defer_register_pragmas, NULL);
  /* The `defer` macros, with the front end's predefined macros.  */
  register_callback (name, PLUGIN_INCLUDE_FILE, defer_file_change, NULL);
  /* Declare the marker function before the file is parsed.  */
  register_callback (name, PLUGIN_START_UNIT, defer_start_unit, NULL);
  /* Lower each function while it is still in the front end's trees.  */
  register_callback (name, PLUGIN_PRE_GENERICIZE, defer_lower_function, NULL);
  /* Deferred blocks that gimplify to nothing.  */
  register_callback (name, PLUGIN_PASS_EXECUTION, defer_drop_empty_cleanups,
		     NULL);
  /* Landing pads that GCC's EH cleanup would break.  */
  if (defer_opts.unwind)
    register_callback (name, PLUGIN_PASS_EXECUTION,
		       defer_propagate_landing_pad_phis, NULL);
  /* No line for the code around the deferred blocks.  */
  register_callback (name, PLUGIN_PASS_EXECUTION, defer_forget_no_line,
		     NULL);
  /* The stub the landing pads of lowered functions resume through.  */
  register_callback (name, PLUGIN_FINISH_UNIT, emit_resume_stub, NULL);
  /* What makes a link without libdefer name it.  */
  register_callback (name, PLUGIN_FINISH_UNIT, emit_link_check, NULL);
  if (defer_opts.dump)
    register_callback (name, PLUGIN_FINISH_PARSE_FUNCTION,
		       defer_dump_function, NULL);
  return 0;
}
