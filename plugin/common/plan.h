/* SPDX-License-Identifier: MIT */
/* The plan of a function's lowering, decided once from the model and its
   analysis: the lowering, the shape of the code, where each record lives
   and how records are laid out.  The plugins lower from it and decide
   nothing; the report (report.h) prints it.

   Lowerings (the language reference's "Lowering"):
   - open-coded, when every `defer` runs at most once per call: no
     run-time calls and no records.  Shapes:
       native_sites  each `defer` becomes a cleanup of the function's
		     outermost block where it stands, as the `cleanup`
		     attribute would be: every `defer` stands in that block
		     (alone or as the whole `then` of an `if` whose guard is
		     stable), nothing jumps by goto, and unwinding runs the
		     blocks;
       mask	     one bit per site in a mask, the blocks run at every
		     exit, newest first, each under its bit.
   - run-time records, otherwise: each execution pushes a record; every
     exit pops them and runs the blocks newest first.  Shapes:
       records_array  every record lives in the frame, in one array of a
		      union of the record types, pushed and popped by a
		      count (the optimisers see through it);
       records_stack  some site takes records from the pool: every
		      record of the call is bumped, copies only, onto one
		      stack (a buffer in the frame, then blocks of
		      libdefer's per-thread pool) and popped by its size,
		      in a slot as small as the records' alignment allows;
		      with several sites a site number ends each record;
       records_list   records linked newest first, from the frame, frame
		      arrays or libdefer's per-thread pool: where a longjmp
		      may come back (the stack's cursor would be stale) or a
		      record needs more than pool_align (a block's base).  */

#ifndef DEFER_PLAN_H
#define DEFER_PLAN_H

#include "analysis.h"
#include "diagnostics.h"
#include "model.h"

#include <vector>

namespace defer_rules {

/* The open-coded lowering keeps one bit per site in a 64-bit mask.  */
constexpr unsigned max_open_coded_sites = 64;
/* Native cleanups only for a few sites: each is a scope of its own.  */
constexpr unsigned max_native_sites = 16;
/* Frame arrays are for small bounds only: the frame must stay small.  */
constexpr unsigned long max_frame_array_bytes = 4096;
/* Pooled records first fill a buffer this large in the frame, so a call
   that registers few of them never reaches the pool.  */
constexpr unsigned long frame_buffer_size = 256;
/* libdefer's constants (pool_align: its pool hands out storage in
   multiples of it, aligned to it).  */
#define DEFER_ABI_CONSTANT(name, value) constexpr unsigned long name = value;
#include "abi-table.h"

enum class Lowering { open_coded, runtime_records };

/* Why a function got its lowering; the first that applies wins.  */
enum class Reason
{
  every_site_runs_once,
  site_in_loop,
  site_in_goto_cycle,
  computed_goto,
  calls_setjmp,
  too_many_sites,
};

enum class Shape
{
  native_sites,
  mask,
  records_array,
  records_stack,
  records_list
};

/* Where the records of one site live: the escape analysis' verdict.  */
enum class Storage
{
  frame,       /* one record in the function's frame: runs at most once */
  frame_array, /* an array of max_runs records in the frame */
  pool,	       /* per-thread pool: no bound known, or too many */
};

/* What the compiler the plugin runs in can do.  */
struct Host
{
  bool unwind = true; /* deferred blocks also run on unwinding */
  /* The compiler emits a cleanup's block twice, for normal exits and for
     unwinding (Clang): blocks that need one copy cannot be unwound.  */
  bool blocks_emitted_twice = false;
  /* Each `defer` can be a cleanup where it stands (GCC; Clang from 22,
     with its DeferStmt): the native sites shape.  */
  bool native_sites = true;
  /* Records in the frame may share one array of a union of their types:
     not for a static analyzer, which cannot tell a record read through
     one member of the union from the record written through another
     (Clang's analyzer then loses the copies, and reports leaks).  */
  bool union_records = true;
  /* Records may be bumped onto a stack of raw storage and popped by
     their size (records_stack): not for an analyzer that loses the
     pointers kept in such typeless bytes (GCC's -fanalyzer; Clang's
     analyzer follows them).  */
  bool stacked_records = true;
  unsigned pointer_size = 8;
};

/* A copied variable's size and alignment in bytes (the declaration's
   own alignment where it asks for more than its type's).  */
struct Extent
{
  unsigned long size = 0, align = 1;
};

/* A site's record, laid out as C lays out a struct.  In a list: the
   header (next pointer and, with several sites, the site number) and the
   copies.  On the stack: the copies alone, at the start of a slot of
   pool_bytes whose last 4 bytes hold the site number with several
   sites.  */
struct RecordLayout
{
  bool with_site = false;
  bool stacked = false;
  unsigned long size = 0, align = 1;
  /* Bytes taken from the pool for one record.  In a list: the size,
     plus what aligning a record that needs more than pool_align takes,
     rounded up to pool_align.  On the stack: the slot, the size and the
     site number rounded up to the stack's alignment (Plan::stack_align),
     and never empty, since records are popped by their size.  */
  unsigned long pool_bytes = 0;
};


struct SitePlan
{
  /* The escape analysis' verdict; with records_stack every record goes
     on the stack whatever it says.  */
  Storage storage = Storage::frame;
  unsigned long slots = 1; /* frame_array: its length */
  RecordLayout record;
  bool guard_at_exit = false; /* open-coded: test the guard again at exit */
};

struct Plan
{
  Lowering lowering = Lowering::open_coded;
  Reason reason = Reason::every_site_runs_once;
  int culprit_site = none; /* for a reason tied to one site */
  Shape shape = Shape::mask;
  /* Unwinding runs the deferred blocks: the host unwinds, and can with
     these blocks.  */
  bool unwinding_runs_blocks = true;
  unsigned mask_bits = 32;	 /* mask: 32 or 64 */
  unsigned long array_slots = 0; /* records_array: its length */
  bool site_numbers = false;	 /* records store and dispatch on a site */
  bool pooled = false;		 /* some site takes records from the pool */
  /* records_stack: the bytes each pool block of the call starts with,
     the previous block's cursor and start, where popping goes on once
     the block is empty (two pointers, rounded up to pool_align).  The
     start is the word just below a block's base.  */
  unsigned long stack_link = 0;
  /* records_stack: the bytes the frame buffer starts with, a null word
     where a block keeps its previous block's start: popping tells the
     buffer from a block by that word, without its address.  */
  unsigned long stack_start = 0;
  /* records_stack: what every slot is a multiple of, so that records
     bumped from a pool_align-aligned base stay aligned: the largest
     alignment of the copies, at least 4 with site numbers (each slot
     ends with one).  Slots need no more: a char takes 1 byte.  */
  unsigned long stack_align = 0;
  /* records_stack: the largest record's pool_bytes.  The stack's limit is
     kept that far before the end of the current block, so that one
     comparison tells whether any record fits.  */
  unsigned long stack_record_max = 0;
  /* records_stack: the bytes a new block is reserved with, its link and
     room for the largest record, rounded up to the multiple of
     pool_align that libdefer's interface asks for (slots need not be
     one).  */
  unsigned long stack_reserve = 0;
  unsigned long frame_buffer = 0; /* bytes; 0 with no pooled site, or when
				     a longjmp may come back (its cursor
				     would be stale) */
  /* A struct __defer_frame: for libdefer with pooled records, and to
     hold the list head where a longjmp may come back (top_in_frame).  */
  bool frame_descriptor = false;
  bool top_in_frame = false;
  /* Never inlined: libdefer tells the function by its stack frame (pool
     marks, recover).  */
  bool own_stack_frame = false;
  /* Pooled, and a VLA or alloca moves the stack pointer: take the pool
     mark on entry, before it does.  */
  bool mark_on_entry = false;
  std::vector<SitePlan> sites;
  Diagnostics diagnostics; /* what the host cannot do with this function */
};

/* COPY_EXTENTS: for each site, the extents of its copies (in the order
   of the analysis' copies).  */
Plan make_plan (const Function &fn, const Analysis &a,
		const std::vector<std::vector<Extent>> &copy_extents,
		const Host &host);

/* The layout of a record with these copies: in a list, or with
   STACK_ALIGN (Plan::stack_align) on the stack.  */
RecordLayout record_layout (const Host &host, bool with_site,
			    const std::vector<Extent> &copies,
			    unsigned long stack_align = 0);

} // namespace defer_rules

#endif
