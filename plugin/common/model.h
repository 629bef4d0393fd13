/* SPDX-License-Identifier: MIT */
/* The neutral model of one function with `defer`: what a plugin's scan
   sees in its compiler's trees, in terms that need no compiler headers.
   The shared rules (check.h, copies.h, guards.h, bounds.h, plan.h) read
   only this; both plugins fill it the same way, so that they decide alike.

   Positions.  A scan numbers the statements and expressions of the body
   in one pre-order walk in source order, starting at 1: a `for` loop's
   init, condition and step come before its body, a `do` loop's body
   before its condition.  A construct that spans code (a deferred block, a
   loop, an OpenMP construct) also records the position of its last
   descendant: it holds every position from its own to that one.
   "Before" and "after" in the rules compare positions.

   Ids.  Every entity is an index into its vector in Function; `none`
   stands for no entity.

   Places.  A Where is an index into the plugin's own table of source
   locations, plus the line that the report's texts name.  The rules never
   look inside it; they hand it back in their diagnostics.  */

#ifndef DEFER_MODEL_H
#define DEFER_MODEL_H

#include <string>
#include <vector>

namespace defer_rules {

constexpr int none = -1;

struct Where
{
  unsigned token = 0; /* the plugin's location number */
  unsigned line = 0;
};

/* An automatic variable of the function (parameters included).  */
struct Variable
{
  std::string name;
  Where where;
  unsigned declared_at = 0; /* its declaration; 0 for parameters */
  int loop = none;	    /* the innermost loop declaring it: in its body,
			       its for-init or a statement expression of its
			       condition or step */
  bool outermost = false;   /* a parameter, or declared in the function
			       body's own block */
  bool vla = false;	    /* a variable-length array */
  bool variably_modified = false; /* its type holds a variable-length array
				     (a VLA, or a pointer to one) */
  std::vector<int> size_vars; /* variables its type's array sizes read */
  /* Writes the scan cannot list may happen: its address is taken, it is
     a memory operand of an asm, or a nested function uses it.  */
  bool address_taken = false;
  bool is_volatile = false;
  bool has_cleanup = false; /* __attribute__ ((cleanup)) */
  /* For loop counters: an integer type other than _Bool, its width and
     signedness, and its initialiser when that is a constant that fits a
     long long.  */
  bool integer = false;
  unsigned precision = 0;
  bool is_signed = false;
  bool constant_init = false;
  long long init = 0;
};

enum class WriteKind
{
  assign,     /* =, op=, ++, -- */
  address,    /* &v */
  asm_output, /* an output operand of an asm */
};

/* A write to a variable, in the body or in a deferred block.  A
   declaration's initialiser is not a write.  */
struct Write
{
  int var;
  unsigned at;
  Where where;
  WriteKind kind;
  int site = none; /* the deferred block it is in */
};

/* `v OP LIMIT` as a loop's condition or as the test of a counted goto
   (`if (++v < K) goto L;`), with LIMIT the constant the comparison sees.
   EXACT: the comparison sees v's own value, every conversion in between
   keeps all values of v's type (an integer promotion, not a narrowing
   cast or a change of signedness).  VAR is none when the shape does not
   match.  */
struct Comparison
{
  enum Op { lt, le, ne };
  int var = none;
  Op op = lt;
  long long limit = 0;
  bool exact = false;
};

struct Loop
{
  enum Kind { for_loop, while_loop, do_loop };
  Kind kind = for_loop;
  unsigned at = 0, last = 0;		 /* the whole statement */
  unsigned body_first = 0, body_last = 0; /* its body */
  int parent = none;			 /* the enclosing loop */
  /* The variable that `v++` or `++v` steps by one: a for loop's step
     expression, or the first statement of a while or do loop's body.  */
  int step_var = none;
  Comparison test; /* the condition */
};

struct Label
{
  unsigned at;
  int site = none; /* the deferred block holding it */
  bool address_taken = false; /* `&&label`: a computed goto may reach it */
};

struct Goto
{
  unsigned at;
  Where where;
  int label = none;	 /* none: a computed goto */
  int site = none;	 /* the deferred block holding the goto */
  /* A goto of a nested function (a GNU extension) to a label of an
     enclosing function: from inside a deferred block it leaves it.  */
  bool to_enclosing_function = false;
  /* `if (++v OP K) goto L;` (OP < or <=), as the goto's only guard.  */
  Comparison counted;
};

/* A case or default label.  */
struct Case
{
  unsigned at;
  Where where;
  int site = none;	  /* the deferred block holding it */
  int switch_site = none; /* the deferred block holding its switch */
  unsigned switch_at = 0;
};

/* A return, break or continue.  TARGET is the position of the loop or
   switch a break or continue binds to (a deferred block's own `defer`,
   whose expansion is a loop, when nothing inside the block takes it).  */
struct Exit
{
  enum Kind { return_stmt, break_stmt, continue_stmt };
  Kind kind;
  unsigned at;
  Where where;
  int site = none;
  unsigned target = 0;
};

/* `if (c) defer X;` with no else: what c reads.  PURE: c is made of
   constants, reads of this function's automatic variables (VARS) and
   operators without side effects (arithmetic, comparisons, logic, casts
   between scalar types); nothing else (calls, memory, assignments).  */
struct Guard
{
  unsigned at; /* the if */
  bool pure = false;
  std::vector<int> vars;
};

struct OmpConstruct
{
  unsigned at, last;
  Where where;
  int site = none;
};

/* A call of setjmp or longjmp under one of their names
   (scoped.h's sjlj_name), which a `_Defer`'s statement may not make.  */
struct JumpCall
{
  unsigned at;
  Where where;
  std::string name;
};

/* A use of defer_result.  OWN: this function's defer_result (not the
   header's file-scope one, nor an enclosing function's).  */
struct ResultUse
{
  unsigned at;
  Where where;
  int site = none;
  bool own = true;
};

struct Site
{
  unsigned at = 0, last = 0; /* the `defer` and the end of its block */
  Where where;
  int loop = none;	     /* the innermost loop holding it */
  bool in_loop_header = false; /* in that loop's condition or step: it
				  can run once more than the body */
  int parent = none;	     /* a deferred block holding this `defer` */
  bool empty = false;	     /* `defer;` or `defer {}` */
  /* A statement of the function body's own block, alone or as the whole
     `then` of an `if` that is one.  Braces that declare nothing count as
     that block (GCC keeps no trace of them).  */
  bool outermost = false;
  int guard = none;
  std::vector<int> names; /* the variables its block names, once each */
};

/* A block-scoped `_Defer` (the TS's): its statement runs when control
   leaves the block the `_Defer` is in, by any way.  AT..LAST: the
   `_Defer` and its statement; from LAST to SCOPE_LAST, the rest of that
   block, it is pending (SCOPE_LAST is LAST when the `_Defer` is not a
   statement of a block, as in `if (c) _Defer X;`).  */
struct ScopedDefer
{
  unsigned at = 0, last = 0, scope_last = 0;
  Where where;
  bool empty = false; /* `_Defer;` or `_Defer {}` */
  /* A statement of the function body's own block (braces that declare
     nothing count as that block, as for Site::outermost).  */
  bool outermost = false;
};

struct Function
{
  std::string name;
  unsigned last = 0; /* the body's last position */
  bool returns_void = false;
  bool calls_setjmp = false;
  bool moves_stack = false; /* a VLA or alloca lowers the stack pointer */
  bool has_nested_functions = false;
  bool recovers = false; /* defer_recover () in a deferred block */
  /* A deferred block holds a label, an initialised local array or a
     local of variably modified type (Clang emits a cleanup's code twice,
     which such blocks do not survive).  */
  bool blocks_need_one_copy = false;
  /* A statement of the outermost block is a cleanup of it that is not a
     variable's: a block-scoped `_Defer`, run when that block ends.  */
  bool outermost_cleanup = false;
  std::vector<Variable> vars;
  std::vector<Write> writes;
  std::vector<Site> sites;
  std::vector<Guard> guards;
  std::vector<Loop> loops;
  std::vector<Label> labels;
  std::vector<Goto> gotos;
  std::vector<Case> cases;
  std::vector<Exit> exits;
  std::vector<OmpConstruct> omp;
  std::vector<ResultUse> results;
  /* Block-scoped `_Defer`s.  COMPILER_CHECKS_SCOPED: they are the
     compiler's own, whose constraints it checks itself (Clang 22); only
     their spans are known.  */
  std::vector<ScopedDefer> scoped;
  bool compiler_checks_scoped = false;
  std::vector<JumpCall> jump_calls;
};

/* Whether a conversion from an integer type to another keeps every value
   (Comparison::exact).  */
inline bool
keeps_values (unsigned from_precision, bool from_signed,
	      unsigned to_precision, bool to_signed)
{
  if (from_signed == to_signed)
    return from_precision <= to_precision;
  return !from_signed && from_precision < to_precision;
}

} // namespace defer_rules

#endif
