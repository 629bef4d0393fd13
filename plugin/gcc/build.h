/* Small builders of GENERIC for the lowering: locals, assignments, and
   the attributes a lowered function needs.  */

#ifndef DEFER_GCC_BUILD_H
#define DEFER_GCC_BUILD_H

#include "defer-gcc.h"

namespace defer_gcc {

/* The BIND_EXPR of FNDECL's outermost block: DECL_SAVED_TREE, or the
   block itself before the `return 0;` the front end appends to main;
   made (around the body) when there is none.  */
tree outermost_bind (tree fndecl);

/* Where the code the lowering adds to run the deferred blocks stands:
   the tests of the mask, of a guard and of the records, the regions and
   labels around the blocks.  It has no line of its own in the debug
   information, so that a debugger steps from a `return` straight into
   the blocks that run (docs/REFERENCE.md, "Debugging").  The gimplifier
   gives what it makes of such a tree this location too; before EH
   lowering, which would give the labels of a try the try's location,
   defer_forget_no_line (debug-lines.cc) makes all of it unknown.  */
const location_t no_line = BUILTINS_LOCATION;
/* Whatever lines EXPR's parts stand on: an unshared copy at NO_LINE.  */
tree at_no_line (tree expr);
/* Remember FNDECL as lowered, for defer_forget_no_line.  */
void note_lowered (tree fndecl);

/* An artificial local of FNDECL, hidden from debuggers.  */
tree make_local (tree fndecl, const char *name, tree type);
/* Append DECL to the variables of BIND (and its BLOCK).  */
void append_var (tree bind, tree decl);
tree build_assign (tree lhs, tree rhs, location_t loc = UNKNOWN_LOCATION);
tree build_label (tree fndecl, location_t loc = UNKNOWN_LOCATION);
tree build_jump (tree label);
/* if (COND) THEN  */
tree build_if (tree cond, tree then, location_t loc = UNKNOWN_LOCATION);
/* Append T to the statement list *LIST.  */
void add_stmt_to (tree *list, tree t);
/* No -Wuninitialized or -Wmaybe-uninitialized in the code of BODY: a
   deferred block run from records reads the function's variables on paths
   GCC cannot tell from those where nothing was registered yet.  */
void quiet_uninitialized (tree body);
/* Never inline FNDECL: libdefer tells a function by its stack frame (pool
   marks compare their stack positions; a recover returns from the frame
   to its caller).  */
void keep_own_stack_frame (tree fndecl);

} // namespace defer_gcc

#endif
