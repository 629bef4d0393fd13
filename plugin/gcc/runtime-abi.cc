// SPDX-License-Identifier: MIT
/* The run-time interface as GCC trees (runtime-abi.h).  */

#include "runtime-abi.h"

namespace defer_gcc {

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

/* The GCC type of a type of the table, once the structs exist.  */
#define DEFER_ABI_GCC_void void_type_node
#define DEFER_ABI_GCC_int integer_type_node
#define DEFER_ABI_GCC_unsigned unsigned_type_node
#define DEFER_ABI_GCC_size size_type_node
#define DEFER_ABI_GCC_char_ptr build_pointer_type (char_type_node)
#define DEFER_ABI_GCC_void_ptr ptr_type_node
#define DEFER_ABI_GCC_record_ptr build_pointer_type (abi.record_type)
#define DEFER_ABI_GCC_frame_ptr build_pointer_type (abi.frame_type)
#define DEFER_ABI_GCC_cursor abi.cursor_type
#define DEFER_ABI_GCC_block abi.block_type
#define DEFER_ABI_GCC_panic_info_ptr const_ptr_type_node
#define DEFER_ABI_GCC(type) DEFER_ABI_GCC_##type

static tree
declare_plain (const char *name, tree type)
{
  return declare_entry (name, type);
}

static tree
declare_unwinds (const char *name, tree type)
{
  return declare_unwinding_entry (name, type);
}

static tree
declare_tls (const char *name, tree type)
{
  tree v = build_decl (BUILTINS_LOCATION, VAR_DECL, get_identifier (name),
		       type);
  DECL_EXTERNAL (v) = 1;
  TREE_PUBLIC (v) = 1;
  TREE_STATIC (v) = 1;
  DECL_ARTIFICIAL (v) = 1;
  set_decl_tls_model (v, TLS_MODEL_INITIAL_EXEC);
  return v;
}

const runtime_abi &
get_runtime_abi (void)
{
  if (abi_built)
    return abi;
  /* The structs first, so that fields can point to any of them.  */
#define DEFER_ABI_STRUCT(name, tag) abi.name##_type = make_node (RECORD_TYPE);
#include "abi-table.h"

  tree fields = NULL_TREE;
  const char *tag = NULL;
#define DEFER_ABI_STRUCT(name, tag_name)                                    \
  fields = NULL_TREE;                                                       \
  tag = #tag_name;
#define DEFER_ABI_FIELD(name, field, type)                                  \
  abi.name##_##field = fields                                               \
    = add_field (fields, #field, DEFER_ABI_GCC (type));
#define DEFER_ABI_END(name) finish_struct_type (abi.name##_type, tag, fields);
#define DEFER_ABI_TLS(name, symbol, type)                                   \
  abi.name = declare_tls (#symbol, DEFER_ABI_GCC (type));
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)                        \
  abi.name##_fn = declare_##kind (                                          \
    #symbol, build_function_type_list (DEFER_ABI_GCC (result), NULL_TREE));
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                    \
  abi.name##_fn = declare_##kind (                                          \
    #symbol, build_function_type_list (DEFER_ABI_GCC (result),              \
				       DEFER_ABI_GCC (p1), NULL_TREE));
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                \
  abi.name##_fn = declare_##kind (                                          \
    #symbol, build_function_type_list (DEFER_ABI_GCC (result),              \
				       DEFER_ABI_GCC (p1), DEFER_ABI_GCC (p2), \
				       NULL_TREE));
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)        \
  abi.name##_fn = declare_##kind (                                          \
    #symbol, build_function_type_list (DEFER_ABI_GCC (result),              \
				       DEFER_ABI_GCC (p1), DEFER_ABI_GCC (p2), \
				       DEFER_ABI_GCC (p3), DEFER_ABI_GCC (p4), \
				       NULL_TREE));
#include "abi-table.h"
  abi_built = true;
  return abi;
}

tree
build_site_record (const char *name, const std::vector<tree> &copies,
		   bool with_site, std::vector<tree> *copy_fields,
		   bool header)
{
  const runtime_abi &a = get_runtime_abi ();
  tree type = make_node (RECORD_TYPE);
  tree fields = NULL_TREE;
  if (header)
    fields = add_field (NULL_TREE, "next", TREE_TYPE (a.record_next));
  if (with_site && header)
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
  tree f = TYPE_FIELDS (type);
  if (header)
    f = DECL_CHAIN (f);
  if (with_site && header)
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

#define DEFER_ABI_ROOT(t)                                                   \
  {&(t), 1, sizeof (tree), gt_ggc_mx_tree_node, gt_pch_nx_tree_node},
extern const struct ggc_root_tab defer_abi_gc_roots[] = {
#define DEFER_ABI_STRUCT(name, tag) DEFER_ABI_ROOT (abi.name##_type)
#define DEFER_ABI_TLS(name, symbol, type) DEFER_ABI_ROOT (abi.name)
#define DEFER_ABI_ENTRY0(name, symbol, result, kind)                        \
  DEFER_ABI_ROOT (abi.name##_fn)
#define DEFER_ABI_ENTRY1(name, symbol, result, kind, p1)                    \
  DEFER_ABI_ROOT (abi.name##_fn)
#define DEFER_ABI_ENTRY2(name, symbol, result, kind, p1, p2)                \
  DEFER_ABI_ROOT (abi.name##_fn)
#define DEFER_ABI_ENTRY4(name, symbol, result, kind, p1, p2, p3, p4)        \
  DEFER_ABI_ROOT (abi.name##_fn)
#include "abi-table.h"
  LAST_GGC_ROOT_TAB
};

} // namespace defer_gcc
