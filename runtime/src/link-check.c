/* SPDX-License-Identifier: MIT */
/* The symbol that names libdefer in the linker's errors: objects that use
   libdefer refer to it from a section that is not loaded (defer-abi.def),
   so that a link without libdefer reports
   "undefined reference to `__libdefer_link_with_ldefer'".  A file of its
   own: in libdefer.a, the reference pulls in nothing else.  Exported by
   the declaration <defer-runtime.h> makes from defer-abi.def.  */

#include "defer-runtime.h"

const char __libdefer_link_with_ldefer[] =
  "link with -ldefer: pkg-config --libs defer-gcc (or defer-clang)";
