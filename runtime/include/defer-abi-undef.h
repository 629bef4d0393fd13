/* SPDX-License-Identifier: MIT */
/* Ends an expansion of defer-abi.def: undefines its macros.  */

#undef DEFER_ABI_CONSTANT
#undef DEFER_ABI_STRUCT
#undef DEFER_ABI_FIELD
#undef DEFER_ABI_END
#undef DEFER_ABI_TLS
#undef DEFER_ABI_ENTRY0
#undef DEFER_ABI_ENTRY1
#undef DEFER_ABI_ENTRY2
#undef DEFER_ABI_ENTRY4
#undef DEFER_ABI_API
#undef DEFER_ABI_LINK_CHECK
