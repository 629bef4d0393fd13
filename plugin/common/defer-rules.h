/* Compiler-neutral rules of the defer lowering, shared by the GCC and the
   Clang plugin so that both decide alike and speak alike.

   A plugin scans a function into FunctionFacts and one SiteFacts per
   `defer` statement, calls choose_lowering(), and prints the texts below.
   Nothing here knows about GCC trees or Clang ASTs.  */

#ifndef DEFER_RULES_H
#define DEFER_RULES_H

#include <string>
#include <vector>

namespace defer_rules {

/* The open-coded lowering keeps one bit per site in a 64-bit mask.  */
constexpr unsigned max_open_coded_sites = 64;

enum class Lowering { open_coded, runtime_records };

/* Why a function got its lowering; the first that applies wins.  */
enum class Reason {
  every_site_runs_once,
  site_in_loop,
  site_in_goto_cycle,
  computed_goto,
  calls_setjmp,
  too_many_sites,
};

struct SiteFacts {
  unsigned line = 0;          /* where the defer is, for the report */
  bool in_loop = false;       /* inside for/while/do of the function */
  bool in_goto_cycle = false; /* between a label and a later goto to it */
  /* How many times the site can run per call, when the compiler proved a
     bound (the product of the constant trip counts of its loops); 0 when
     it could not.  A site outside loops and cycles runs at most once.  */
  unsigned long max_runs = 0;
  unsigned long record_size = 0; /* bytes: header plus copies */
  std::vector<std::string> copies; /* variables copied per registration */
};

struct FunctionFacts {
  std::string name;
  bool has_computed_goto = false;
  bool calls_setjmp = false;
  std::vector<SiteFacts> sites;
};

struct Decision {
  Lowering lowering;
  Reason reason;
  /* For a reason tied to one site: the index of the first such site.  */
  int culprit_site = -1;
};

Decision choose_lowering (const FunctionFacts &fn);

/* Where the records of one site live under the run-time lowering: the
   escape analysis' verdict.  */
enum class Storage {
  frame,	/* one record in the function's frame: runs at most once */
  frame_array,	/* an array of max_runs records in the frame */
  pool,		/* per-thread pool: no bound known */
};

/* Frame arrays are for small bounds only: the frame must stay small.  */
constexpr unsigned long max_frame_array_bytes = 4096;

Storage choose_storage (const FunctionFacts &fn, unsigned site);

/* Whether the records of a function, all in its frame, go in one array
   of a union of the sites' record types, pushed and popped by a count, as
   hand-written cleanup code keeps them (the optimisers see through that
   where they cannot through a list), rather than in a list of per-site
   slots; *SLOTS gets the array's length.  Not with pooled records or
   setjmp, nor past 64 sites (the optimisers' work over one array with
   thousands of paths grows quadratically), nor when the union's padding
   would more than double the frame space the records take.  Needs each
   site's record_size.  */
bool shares_one_array (const FunctionFacts &fn, unsigned long *slots);

/* Pooled records first fill a small buffer in the frame, so a call that
   registers few of them never reaches the pool: its size in bytes, 0 when
   the function has no pooled site or a longjmp may re-enter it (its
   cursor into the buffer would be stale).  */
constexpr unsigned long frame_buffer_size = 256;
unsigned long frame_buffer_bytes (const FunctionFacts &fn);

/* The per-site report line, e.g.
   "'defer' is open-coded as bit 2 of the defer mask: every 'defer' in
   'f' runs at most once per call".  */
std::string describe_site (const FunctionFacts &fn, const Decision &d,
			   unsigned site);


/* Diagnostic texts.  Where the situation is the one Clang 22 diagnoses
   for `_Defer`, the words are Clang's.  */
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
/* An OpenMP construct runs its body in other threads or in a function of
   its own; a deferred block is emitted once per way out.  */
inline constexpr const char *defer_in_omp
  = "'defer' statement inside an OpenMP construct is not supported";
inline constexpr const char *omp_in_defer
  = "OpenMP construct inside a deferred block is not supported";
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
  = "a deferred block of this function has a label or an initialised "
    "local array: under Clang its deferred blocks run on return only, not "
    "when a panic, pthread_exit or pthread_cancel unwinds it";
inline constexpr const char *clang_single_copy_vla
  = "a deferred block with a label or an initialised local array in a "
    "function with a variable length array or alloca is not supported "
    "under Clang";
} // namespace msg

/* A VLA that would need its lifetime extended to be used by a deferred
   block, or one that would need a copy.  */
std::string vla_in_deferred_block (const std::string &name);
std::string vla_copy (const std::string &name);

/* A copied variable changed later in the same loop body: the warning
   and its note at the `defer`.  */
std::string copied_then_assigned (const std::string &name);
std::string copied_then_address_taken (const std::string &name);
std::string note_copied_here (const std::string &name);

} // namespace defer_rules

#endif
