/* The run-time interface as GCC trees (runtime-abi.h).  */

#include "runtime-abi.h"

static runtime_abi abi;
static bool abi_built;

static tree
add_field (tree chain, const char *name, tree type)
{
  tree f = build_decl (BUILTINS_LOCATION, FIELD_DECL, get_identifier (name),
		       type);
  DECL_CHAIN (f) = chain;
  return f;
}

/* FIELDS is chained newest first, as finish_builtin_struct wants.  */
static tree
finish_struct_type (tree type, const char *name, tree fields)
{
  finish_builtin_struct (type, name, fields, NULL_TREE);
  return type;
}

static tree
field (tree type, unsigned index)
{
  tree f = TYPE_FIELDS (type);
  while (index--)
    f = DECL_CHAIN (f);
  return f;
}

static tree
declare_entry (const char *name, tree type)
{
  tree fn = build_fn_decl (name, type);
  DECL_ARTIFICIAL (fn) = 1;
  TREE_NOTHROW (fn) = 1;
  DECL_ATTRIBUTES (fn) = tree_cons (get_identifier ("leaf"), NULL_TREE,
				    NULL_TREE);
  return fn;
}

/* An entry that does not return but unwinds: neither nothrow (which
   build_fn_decl makes every declaration) nor leaf, or GCC would take its
   callers for functions that cannot throw.  */
static tree
declare_unwinding_entry (const char *name, tree type)
{
  tree fn = build_fn_decl (name, type);
  DECL_ARTIFICIAL (fn) = 1;
  TREE_NOTHROW (fn) = 0;
  TREE_THIS_VOLATILE (fn) = 1; /* noreturn */
  return fn;
}

const runtime_abi &
get_runtime_abi (void)
{
  if (abi_built)
    return abi;
  tree rec = make_node (RECORD_TYPE);
  tree rec_ptr = build_pointer_type (rec);
  tree fields = add_field (NULL_TREE, "next", rec_ptr);
  fields = add_field (fields, "site", unsigned_type_node);
  abi.record_type = finish_struct_type (rec, "__defer_record", fields);
  abi.record_next = field (rec, 0);
  abi.record_site = field (rec, 1);

  tree frame = make_node (RECORD_TYPE);
  fields = add_field (NULL_TREE, "top", rec_ptr);
  fields = add_field (fields, "older", build_pointer_type (frame));
  fields = add_field (fields, "mark_chunk", ptr_type_node);
  fields = add_field (fields, "mark_cur", build_pointer_type (char_type_node));
  abi.frame_type = finish_struct_type (frame, "__defer_frame", fields);
  abi.frame_top = field (frame, 0);
  abi.frame_mark_cur = field (frame, 3);

  tree cursor_type = make_node (RECORD_TYPE);
  tree char_ptr = build_pointer_type (char_type_node);
  fields = add_field (NULL_TREE, "cur", char_ptr);
  fields = add_field (fields, "end", char_ptr);
  finish_struct_type (cursor_type, "__defer_pool_cursor", fields);
  abi.cursor_cur = field (cursor_type, 0);
  abi.cursor_end = field (cursor_type, 1);
  abi.cursor = build_decl (BUILTINS_LOCATION, VAR_DECL,
			   get_identifier ("__libdefer_pool"), cursor_type);
  DECL_EXTERNAL (abi.cursor) = 1;
  TREE_PUBLIC (abi.cursor) = 1;
  TREE_STATIC (abi.cursor) = 1;
  DECL_ARTIFICIAL (abi.cursor) = 1;
  set_decl_tls_model (abi.cursor, TLS_MODEL_INITIAL_EXEC);

  tree frame_ptr = build_pointer_type (frame);
  tree alloc_type = build_function_type_list (ptr_type_node, frame_ptr,
					      size_type_node, NULL_TREE);
  abi.alloc_fn = declare_entry ("__libdefer_alloc", alloc_type);
  abi.reserve_fn = declare_entry ("__libdefer_reserve", alloc_type);
  abi.release_fn = declare_entry ("__libdefer_release",
				  build_function_type_list (void_type_node,
							    frame_ptr,
							    NULL_TREE));
  abi.recover_fn = declare_entry (
    "__libdefer_recover", build_function_type_list (const_ptr_type_node,
						    NULL_TREE));
  abi.recovered_fn = declare_entry (
    "__libdefer_recovered", build_function_type_list (integer_type_node,
						      NULL_TREE));
  abi.continue_fn = declare_unwinding_entry (
    "__libdefer_continue", build_function_type_list (void_type_node,
						     NULL_TREE));
  /* Not GCC's _Unwind_Resume, which its analyses take for nothrow.  */
  abi.resume_fn = declare_unwinding_entry (
    "__libdefer_resume", build_function_type_list (void_type_node,
						   ptr_type_node, NULL_TREE));
  abi_built = true;
  return abi;
}

/* The landing pads GCC makes end in a call to _Unwind_Resume.  In a unit
   with defers they call __defer_resume instead: a stub, one per linked
   object, that goes to libdefer's __libdefer_resume when the program links
   libdefer (a panic then goes on with libdefer's frame walker) and to
   _Unwind_Resume otherwise.  Both are entered with the landing pad's
   return address on the stack, as _Unwind_Resume wants; the normal path
   and the landing pads themselves are unchanged.

   The stub goes at the end of every assembly file whose code calls it:
   under -flto that is each link-time partition with a landing pad, which
   top-level asm (kept per unit, and output in one partition only) could
   not reach.  Objects compiled with -flto by earlier versions of the
   plugin bring the stub as top-level asm: .ifndef keeps the first copy.
   The stub is in AT&T syntax, whatever -masm says.  */
static const char resume_stub[] ATTRIBUTE_UNUSED =
  ".ifndef __defer_resume\n"
  "\t.pushsection .text.__defer_resume,\"axG\",@progbits,"
  "__defer_resume,comdat\n"
  "\t.weak __defer_resume\n"
  "\t.hidden __defer_resume\n"
  "\t.type __defer_resume, @function\n"
  "\t.weak __libdefer_resume\n"
  "__defer_resume:\n"
  "\tmovq __libdefer_resume@GOTPCREL(%rip), %rax\n"
  "\ttestq %rax, %rax\n"
  "\tjz 1f\n"
  "\tjmp *%rax\n"
  "1:\tjmp _Unwind_Resume@PLT\n"
  "\t.size __defer_resume, .-__defer_resume\n"
  "\t.popsection\n"
  ".endif\n";

/* Gives the builtin _Unwind_Resume the stub's name.  */
static void
rename_resume (void)
{
  tree resume = builtin_decl_explicit (BUILT_IN_UNWIND_RESUME);
  if (resume && !strcmp (IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (resume)),
			 "_Unwind_Resume")) /* not SJLJ */
    symtab->change_decl_assembler_name (resume,
					get_identifier ("__defer_resume"));
}

void
route_resume_through_libdefer (void)
{
#ifdef __x86_64__ /* the stub's instructions (a native plugin) */
  static bool routed;
  if (routed || !flag_exceptions)
    return;
  routed = true;
  rename_resume ();
#endif
}

/* Under -flto the builtin is made again at link time, with its own name:
   rename it when the IPA passes start, in every partition.  Which units
   had defers is not known there; landing pads of the others resuming
   through the stub is right too.  */
void
route_resume_after_lto (void *, void *)
{
#ifdef __x86_64__
  rename_resume ();
#endif
}

/* PLUGIN_FINISH_UNIT: the code is output; the stub follows it if a call
   to it was output.  A unit whose landing pads all went away calls
   nothing, and does not get _Unwind_Resume as a dependency.  */
void
emit_resume_stub (void *, void *)
{
#ifdef __x86_64__
  tree id = maybe_get_identifier ("__defer_resume");
  if (!id || !TREE_SYMBOL_REFERENCED (id) || !asm_out_file)
    return;
  bool intel = ASSEMBLER_DIALECT == ASM_INTEL;
  if (intel)
    fputs ("\t.att_syntax prefix\n", asm_out_file);
  fputs (resume_stub, asm_out_file);
  if (intel)
    fputs ("\t.intel_syntax noprefix\n", asm_out_file);
#endif
}

tree
build_site_record (const char *name, const std::vector<tree> &copies,
		   bool with_site, std::vector<tree> *copy_fields)
{
  const runtime_abi &a = get_runtime_abi ();
  tree type = make_node (RECORD_TYPE);
  tree fields = add_field (NULL_TREE, "next", TREE_TYPE (a.record_next));
  if (with_site)
    fields = add_field (fields, "site", unsigned_type_node);
  for (tree var : copies)
    {
      tree type = TYPE_MAIN_VARIANT (TREE_TYPE (var));
      /* A pointer to a VLA is kept in a plain pointer: a field's type
	 cannot depend on run-time sizes.  */
      if (variably_modified_type_p (type, NULL_TREE))
	type = ptr_type_node;
      fields = add_field (fields, IDENTIFIER_POINTER (DECL_NAME (var)), type);
      /* _Alignas and the aligned attribute belong to the declaration: the
	 copy must have them too.  */
      if (DECL_USER_ALIGN (var) && DECL_ALIGN (var) > TYPE_ALIGN (type))
	{
	  SET_DECL_ALIGN (fields, DECL_ALIGN (var));
	  DECL_USER_ALIGN (fields) = 1;
	}
    }
  finish_struct_type (type, name, fields);
  tree f = DECL_CHAIN (TYPE_FIELDS (type));
  if (with_site)
    f = DECL_CHAIN (f);
  for (; f; f = DECL_CHAIN (f))
    copy_fields->push_back (f);
  return type;
}

tree
build_record_union (const char *name, const std::vector<tree> &types,
		    std::vector<tree> *members)
{
  tree type = make_node (UNION_TYPE);
  tree fields = NULL_TREE;
  for (unsigned i = 0; i < types.size (); i++)
    {
      char member[16];
      snprintf (member, sizeof member, "r%u", i);
      fields = add_field (fields, member, types[i]);
    }
  finish_struct_type (type, name, fields);
  for (tree f = TYPE_FIELDS (type); f; f = DECL_CHAIN (f))
    members->push_back (f);
  return type;
}

extern const struct ggc_root_tab defer_abi_gc_roots[] = {
  {&abi.record_type, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.frame_type, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.cursor, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.alloc_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.reserve_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.recover_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.recovered_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.continue_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.resume_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  {&abi.release_fn, 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
  LAST_GGC_ROOT_TAB
};
