/* Making `defer` a statement of the C front end, without changing GCC.

   With the front end's predefined macros, before each translation unit
   is read, the plugin defines

     #define defer   _Pragma("defer site") for (; __defer_site (); )
     #define __defer  (the same)

   so `defer free (p);` parses as an ordinary `for` statement whose body is
   the deferred block and whose condition calls the artificial function
   __defer_site, declared here and visible to every translation unit.
   The front end therefore resolves every name in the deferred block in the
   scope of the `defer`, accepts `break`/`continue` in it (they bind to the
   marker loop, so the plugin can reject them with a precise message), and
   keeps the block's own locations for debug info.  The pass (pass.cc)
   finds each marker loop and replaces it.

   The pragma runs while the parser is at the `defer`: it rejects a `defer`
   outside a function body, and declares the local `__defer_result` that
   <defer.h>'s `defer_result` names, with the function's return type, so
   the deferred blocks that follow can read and assign it.  */

#include "defer-gcc.h"
#include "keywords.h"

namespace defer_gcc {

/* The marker function: a call to it is the condition of a marker loop.
   If one ever reached the linker, the symbol name says what went wrong.  */
static GTY (()) tree site_fn;

static const char site_fn_name[] = "__defer_site";
static const char result_name[] = "__defer_result";

static void
define_macro (const char *name, const char *body)
{
  char *def = concat (name, "=", body, NULL);
  cpp_define (parse_in, def);
  free (def);
}

static const char site_fn_asm_name[] = "__defer_site_not_lowered_by_plugin";

/* `int __defer_site (void)`, external, named for the linker as above.  */
static tree
build_site_fn (void)
{
  tree type = build_function_type_list (integer_type_node, NULL_TREE);
  tree fn = build_decl (BUILTINS_LOCATION, FUNCTION_DECL,
			get_identifier (site_fn_name), type);
  DECL_EXTERNAL (fn) = 1;
  TREE_PUBLIC (fn) = 1;
  DECL_ARTIFICIAL (fn) = 1;
  TREE_NOTHROW (fn) = 1;
  SET_DECL_ASSEMBLER_NAME (fn, get_identifier (site_fn_asm_name));
  return fn;
}

/* Declare the marker function in the external scope, where the C front
   end keeps builtins; names starting with "__" become visible in every
   file scope without a declaration.  */
static void
declare_site_fn (void)
{
  site_fn = build_site_fn ();
  lang_hooks.builtin_function (site_fn);
}

/* Whether DECL is a marker function made by this plugin: this unit's,
   or one saved in a precompiled header.  */
static bool
site_fn_p (tree decl)
{
  return (decl && TREE_CODE (decl) == FUNCTION_DECL && DECL_ARTIFICIAL (decl)
	  && DECL_ASSEMBLER_NAME_SET_P (decl)
	  && id_equal (DECL_ASSEMBLER_NAME (decl), site_fn_asm_name));
}

/* The front end's hook after a precompiled header is loaded, if any.  */
static void (*next_post_pch_load) (void);

/* Loading a precompiled header replaces the identifiers and the scopes
   with those saved in it; a plugin's GC roots, such as site_fn, are
   neither saved nor restored.  Compiled with the plugin, the header binds
   __defer_site to the declaration made when it was compiled: the marker
   loops that follow call that one, and site_fn must be it, or none of
   them would be lowered.  Compiled without the plugin (GCC accepts it
   where -fexceptions matches: made with it, or used under
   -fplugin-arg-defer-no-unwind), it leaves the name unbound; the
   declaration is made again, visible at once since the file scope has
   been entered.  */
static void
rebind_site_fn_after_pch (void)
{
  tree seen = lookup_name (get_identifier (site_fn_name));
  if (site_fn_p (seen))
    site_fn = seen;
  else if (!seen)
    {
      site_fn = build_site_fn ();
      lang_hooks.builtin_function_ext_scope (site_fn);
    }
  if (next_post_pch_load)
    next_post_pch_load ();
}

static void
define_keywords (void)
{
  for (const defer_rules::Macro &m :
       defer_rules::keyword_macros (defer_opts, false))
    define_macro (m.name.c_str (), m.body.c_str ());
}

/* PLUGIN_INCLUDE_FILE.  The front end enters the "<built-in>" line map
   just before it defines its own predefined macros, for -E too, and
   before the -D options, -include files and the main file are read.
   The macros are defined there, as builtins: with their tokens at
   BUILTINS_LOCATION, as the front end defines its own, and under a line
   map, which -g3 needs to record the definitions (earlier there is no
   map, and the debug hook's lookup of the definition's line crashes).
   Input that is already preprocessed has the expansions in it, and its
   line markers name "<built-in>" too; a unit defines them once.  */
void
defer_file_change (void *gcc_data, void *)
{
  const char *file = (const char *) gcc_data;
  if (!file || strcmp (file, _("<built-in>")) != 0)
    return;
  if (cpp_get_options (parse_in)->preprocessed
      || cpp_defined (parse_in, (const unsigned char *) "__DEFER__", 9))
    return;
  cpp_force_token_locations (parse_in, BUILTINS_LOCATION);
  define_keywords ();
  cpp_stop_forcing_token_locations (parse_in);
  watch_expansions ();
}

void
defer_start_unit (void *, void *)
{
  declare_site_fn ();
  if (lang_post_pch_load != rebind_site_fn_after_pch)
    {
      next_post_pch_load = lang_post_pch_load;
      lang_post_pch_load = rebind_site_fn_after_pch;
    }
}

/* Functions in which a `defer` was parsed; the others are not scanned.  */
static hash_set<tree> *functions_with_defer;

bool
defer_take_function (tree fndecl)
{
  if (!functions_with_defer || !functions_with_defer->contains (fndecl))
    return false;
  functions_with_defer->remove (fndecl);
  return true;
}

/* Make `__defer_result` name a local of the current function from here
   on, unless one is visible already.  It goes in the function's outermost
   scope, not the current one, which may be a parameter list's (the
   `defer` is an error there, but a variable in that scope is an internal
   error of the front end); before the body there is no such scope.  */
static void
declare_result (void)
{
  tree id = get_identifier (result_name);
  tree seen = lookup_name (id);
  if (seen && VAR_P (seen) && DECL_CONTEXT (seen) == current_function_decl)
    return;
  if (!DECL_SAVED_TREE (current_function_decl))
    return;

  /* In a void function it is an int, and the scan rejects every use.  */
  tree type = TREE_TYPE (TREE_TYPE (current_function_decl));
  type = VOID_TYPE_P (type) ? integer_type_node : TYPE_MAIN_VARIANT (type);
  /* BUILTINS_LOCATION keeps -Wshadow quiet about the header's guard.  */
  tree decl = build_decl (BUILTINS_LOCATION, VAR_DECL, id, type);
  DECL_ARTIFICIAL (decl) = 1;
  DECL_IGNORED_P (decl) = 1;
  DECL_CONTEXT (decl) = current_function_decl;
  TREE_USED (decl) = 1;
  c_bind (BUILTINS_LOCATION, decl, false);
}

/* The parser is at a `defer` or a `_Defer` at LOC: the function has
   one, to be scanned.  Outside a function the rest of the expansion
   cannot parse, and the errors it would cause say nothing useful, so this
   one, TEXT, ends the compilation.  */
static void
note_statement (location_t loc, const char *text)
{
  if (!current_function_decl)
    fatal_error (loc, "%s", text);
  if (!functions_with_defer)
    functions_with_defer = new hash_set<tree>;
  functions_with_defer->add (current_function_decl);
}

/* The C front end keeps no trace of braces that declare nothing: their
   statements join the enclosing block's.  An artificial variable, never
   used, makes the block of a `_Defer` a block of its own in the trees.  */
static void
keep_block (void)
{
  static unsigned count;
  char name[32];
  snprintf (name, sizeof name, "__defer_block_%u", count++);
  tree decl = build_decl (BUILTINS_LOCATION, VAR_DECL, get_identifier (name),
			  char_type_node);
  DECL_ARTIFICIAL (decl) = 1;
  DECL_IGNORED_P (decl) = 1;
  DECL_CONTEXT (decl) = current_function_decl;
  pushdecl (decl);
}

/* The location of the pragma that the parser gives.  */
static location_t
pragma_location (void)
{
  tree x;
  location_t loc = UNKNOWN_LOCATION;
  pragma_lex (&x, &loc);
  return linemap_resolve_location (line_table, loc, LRK_MACRO_EXPANSION_POINT,
				   NULL);
}

/* A `_Defer`: nothing of defer_result, and falling off the end of the
   function stays what C says it is.  */
static void
handle_block_pragma (cpp_reader *)
{
  note_statement (pragma_location (),
		  defer_rules::msg::scoped_outside_function);
  keep_block ();
}

/* A `defer` at LOC.  */
static void
site_reached (location_t loc)
{
  note_statement (loc, defer_rules::msg::outside_function);
  declare_result ();
  /* Falling off the end of a function with a defer returns defer_result
     (zero unless a deferred block sets it): not the undefined value that
     "no return statement in function returning non-void" warns about.  */
  current_function_returns_value = 1;
}

/* The pragma as the parser gives it.  */
static void
handle_site_pragma (cpp_reader *)
{
  site_reached (pragma_location ());
}

/* The pragma run by the preprocessor, as the parser lexes the `defer`
   (see DEFER_GCC_PRAGMA_IS_STATEMENT): the parser is then at the
   statement the `defer` starts, or a token before it, in the same
   function, which is all that a `defer` needs (its __defer_result goes in
   the function's outermost scope).  The location is the expansion's; in
   preprocessed input, which has the pragma and no expansion, the
   pragma's line.  A `_Defer`'s pragma is left to the parser: its
   artificial variable must go in the `_Defer`'s own block, which the
   parser may not have reached or may have left when the next token is
   lexed (it looks for an `else` after an if).  */
static void
run_site_pragma (cpp_reader *reader)
{
  location_t loc = UNKNOWN_LOCATION;
  cpp_get_token_with_location (reader, &loc);
  location_t word = last_keyword_expansion ();
  if (word != UNKNOWN_LOCATION
      && linemap_location_from_macro_expansion_p (line_table, loc))
    loc = word;
  site_reached (linemap_resolve_location (line_table, loc,
					  LRK_MACRO_EXPANSION_POINT, NULL));
}

void
defer_register_pragmas (void *, void *)
{
  /* Under -E the pragma stays in the output, for the compilation that
     reads it: unregistered, the preprocessor copies it.  */
  if (DEFER_GCC_PRAGMA_IS_STATEMENT && !flag_preprocess_only)
    cpp_register_pragma (parse_in, "defer", "site", run_site_pragma, false);
  else
    c_register_pragma ("defer", "site", handle_site_pragma);
  c_register_pragma ("defer", "block", handle_block_pragma);
}

static tree
find_site_call (tree *tp, int *walk_subtrees, void *)
{
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (t) == CALL_EXPR && get_callee_fndecl (t) == site_fn)
    return t;
  return NULL_TREE;
}

static bool
calls_site_fn (tree *expr)
{
  return *expr && walk_tree_without_duplicates (expr, find_site_call, NULL);
}

/* A marker loop: for (; __defer_site (); ) for a `defer`, with the call
   as its step too for a `_Defer` (keywords.h).  */
static bool
marker_p (tree stmt)
{
  return (site_fn && TREE_CODE (stmt) == FOR_STMT
	  && calls_site_fn (&FOR_COND (stmt)));
}

bool
defer_site_marker_p (tree stmt)
{
  return marker_p (stmt) && !calls_site_fn (&FOR_EXPR (stmt));
}

bool
defer_scoped_marker_p (tree stmt)
{
  return marker_p (stmt) && calls_site_fn (&FOR_EXPR (stmt));
}

/* The `for` of C99 opens a scope of its own, which a statement expression
   keeps as a block even when it declares nothing.  */
tree
defer_scoped_marker_in (tree stmt)
{
  if (TREE_CODE (stmt) == BIND_EXPR && !BIND_EXPR_VARS (stmt))
    stmt = BIND_EXPR_BODY (stmt);
  return defer_scoped_marker_p (stmt) ? stmt : NULL_TREE;
}

tree
defer_result_guard (void)
{
  tree guard = lookup_name (get_identifier (result_name));
  return guard && VAR_P (guard) && DECL_EXTERNAL (guard) ? guard : NULL_TREE;
}

bool
defer_result_decl_p (tree decl)
{
  return (VAR_P (decl) && DECL_ARTIFICIAL (decl) && DECL_NAME (decl)
	  && id_equal (DECL_NAME (decl), result_name));
}

extern const struct ggc_root_tab defer_gc_roots[] = {
  {&site_fn, 1, sizeof (site_fn), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  LAST_GGC_ROOT_TAB
};

} // namespace defer_gcc
