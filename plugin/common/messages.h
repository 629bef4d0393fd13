/* SPDX-License-Identifier: MIT */
/* The texts of the plugins' diagnostics, once for both.  Where the
   situation is the one Clang 22 diagnoses for `_Defer`, the words are
   Clang's.  */

#ifndef DEFER_MESSAGES_H
#define DEFER_MESSAGES_H

#include <string>

namespace defer_rules {
namespace msg {
inline constexpr const char *return_in_defer
  = "cannot return from a defer statement";
inline constexpr const char *break_out_of_defer
  = "cannot break out of a defer statement";
inline constexpr const char *continue_out_of_defer
  = "cannot continue loop outside of enclosing defer statement";
inline constexpr const char *goto_jump
  = "cannot jump from this goto statement to its label";
inline constexpr const char *indirect_goto_jump
  = "cannot jump from this indirect goto statement to one of its possible "
    "targets";
inline constexpr const char *case_jump
  = "cannot jump from switch statement to this case label";
inline constexpr const char *note_exits = "jump exits a defer statement";
inline constexpr const char *note_enters = "jump enters a defer statement";
inline constexpr const char *note_defer_here = "'defer' statement is here";
inline constexpr const char *nested_defer
  = "'defer' statement inside a deferred block is not supported";
inline constexpr const char *note_enclosing_defer
  = "enclosing 'defer' statement is here";
inline constexpr const char *outside_function
  = "'defer' statement outside a function body";
inline constexpr const char *scoped_outside_function
  = "'_Defer' statement outside a function body";
inline constexpr const char *note_bypasses
  = "jump bypasses defer statement";
inline constexpr const char *note_scoped_here = "'_Defer' statement is here";
inline constexpr const char *note_computed_exit
  = "jump exits the block of this '_Defer' statement, which a computed goto "
    "would not run";
/* Beside a Go-style defer, the `_Defer`s of the function's outermost
   block run as that block ends (docs/REFERENCE.md).  */
inline constexpr const char *goto_back_past_outermost_scoped
  = "goto back past a '_Defer' of the function's outermost block in a "
    "function with a Go-style 'defer' is not supported";
inline constexpr const char *label_as_scoped_body
  = "substatement of defer must not be a label";
inline std::string
sjlj_in_defer (const std::string &quoted_name)
{
  return "cannot use " + quoted_name + " inside a defer statement";
}
/* An OpenMP construct runs its body in other threads or in a function of
   its own; a deferred block is emitted once per way out.  */
inline constexpr const char *defer_in_omp
  = "'defer' statement inside an OpenMP construct is not supported";
inline constexpr const char *omp_in_defer
  = "OpenMP construct inside a deferred block is not supported";
/* -fplugin-arg-defer-report, for a loop the optimiser versioned.  */
inline constexpr const char *note_loop_without_room_tests
  = "this loop pushes its records without room tests when the records of "
    "all its passes fit; a copy with the tests runs otherwise";
inline constexpr const char *note_omp_here = "OpenMP construct is here";
inline constexpr const char *result_outside_block
  = "'defer_result' used outside a deferred block";
inline constexpr const char *result_in_void_function
  = "'defer_result' used in a function returning 'void'";
inline constexpr const char *empty_body = "defer statement has empty body";
inline constexpr const char *note_empty_body
  = "put the semicolon on a separate line to silence this warning";
/* Clang only: deferred blocks that Clang cannot emit twice.  */
inline constexpr const char *clang_no_unwind_run
  = "a deferred block of this function has a label, an initialised local "
    "array or a local variable-length array: under Clang its deferred "
    "blocks run on return only, not when a panic, pthread_exit or "
    "pthread_cancel unwinds it";
inline constexpr const char *clang_single_copy_vla
  = "a deferred block with a label, an initialised local array or a local "
    "variable-length array in a function with a variable-length array or "
    "alloca is not supported under Clang";
} // namespace msg

/* A VLA that would need its lifetime extended to be used by a deferred
   block, or one that would need a copy.  */
std::string vla_in_deferred_block (const std::string &name);
std::string vla_copy (const std::string &name);
/* A pointer to a VLA whose size reads a variable that is copied too.  */
std::string vla_pointer_copy (const std::string &name,
			      const std::string &size_var);

/* A copied variable changed later in the loop or cycle: the warning and
   its note at the `defer`.  */
std::string copied_then_assigned (const std::string &name);
std::string copied_then_address_taken (const std::string &name);
std::string note_copied_here (const std::string &name);

} // namespace defer_rules

#endif
