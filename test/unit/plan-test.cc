// SPDX-License-Identifier: MIT
/* The plan (plugin/common/plan.h) and the report printed from it.  */

#include "analysis.h"
#include "builder.h"
#include "harness.h"
#include "plan.h"
#include "report.h"

using namespace unit;

static Plan
planned (const Function &fn, Host host = Host (),
	 std::vector<std::vector<Extent>> extents = {})
{
  Analysis a = analyse (fn);
  if (extents.empty ())
    for (const SiteAnalysis &s : a.sites)
      extents.push_back (std::vector<Extent> (s.copies.size (), {4, 4}));
  return make_plan (fn, a, extents, host);
}

/* A loop whose counter the body writes again, and a `defer` in it that
   copies the counter: no bound on its records.  */
static Builder
uncounted_loop_site ()
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 10, 20);
  int i = b.counter ("i", 2, 0, l);
  b.write (i, 5);
  b.site (11, 12, l, {i});
  return b;
}

TEST (outermost_sites_are_native_with_unwinding)
{
  Builder b;
  b.site (1, 2);
  b.site (3, 4);
  EXPECT (planned (b.fn).shape == Shape::native_sites);
  Host no_unwind;
  no_unwind.unwind = false;
  EXPECT (planned (b.fn, no_unwind).shape == Shape::mask);
  Analysis a = analyse (b.fn);
  EXPECT_EQ (describe_site (b.fn, a, planned (b.fn), 0),
	     std::string ("'defer' is open-coded as a cleanup where it stands: "
			  "every 'defer' in 'f' runs at most once per call, "
			  "and stands in its outermost block"));
}

TEST (native_needs_no_goto_no_inner_site_and_no_cleanup_variable)
{
  Builder jump;
  jump.site (1, 2);
  jump.jump (5, jump.label (6));
  EXPECT (planned (jump.fn).shape == Shape::mask);
  Builder inner;
  inner.site (1, 2);
  inner.fn.sites[0].outermost = false;
  EXPECT (planned (inner.fn).shape == Shape::mask);
  Builder cleanup;
  cleanup.site (1, 2);
  cleanup.fn.vars.push_back (Variable ());
  cleanup.fn.vars[0].outermost = cleanup.fn.vars[0].has_cleanup = true;
  EXPECT (planned (cleanup.fn).shape == Shape::mask);
  Analysis a = analyse (inner.fn);
  EXPECT_EQ (describe_site (inner.fn, a, planned (inner.fn), 0),
	     std::string ("'defer' is open-coded as bit 0 of the defer mask: "
			  "every 'defer' in 'f' runs at most once per call"));
}

TEST (loop_sites_get_records_in_frame_arrays_or_the_pool)
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 10, 20);
  int i = b.counter ("i", 2, 0, l);
  b.write (i, 5);
  b.counts (l, i, Comparison::lt, 3);
  b.site (11, 12, l, {i});
  Plan p = planned (b.fn);
  EXPECT (p.lowering == Lowering::runtime_records);
  EXPECT (p.reason == Reason::site_in_loop);
  EXPECT (p.sites[0].storage == Storage::frame_array);
  EXPECT_EQ (p.sites[0].slots, 3ul);
  EXPECT_EQ (p.sites[0].record.size, 16ul);
  EXPECT (p.shape == Shape::records_array);
  EXPECT (!p.pooled && !p.frame_descriptor && p.frame_buffer == 0);
  Host analyzer;
  analyzer.union_records = false;
  Plan listed = planned (b.fn, analyzer);
  EXPECT (listed.shape == Shape::records_list);
  EXPECT (listed.sites[0].storage == Storage::frame_array);
  EXPECT_EQ (listed.array_slots, 0ul);
  b.fn.loops[l].test.exact = false; /* uncounted */
  p = planned (b.fn);
  EXPECT (p.sites[0].storage == Storage::pool);
  EXPECT (p.shape == Shape::records_stack);
  EXPECT (p.pooled && p.frame_descriptor && p.own_stack_frame);
  EXPECT_EQ (p.frame_buffer, frame_buffer_size);
}

TEST (pooled_records_go_on_one_stack_as_copies_alone)
{
  Builder b = uncounted_loop_site ();
  Plan p = planned (b.fn);
  EXPECT (p.shape == Shape::records_stack);
  /* One site: the int alone, in a 4-byte slot; no next, no site.  */
  EXPECT (p.sites[0].record.stacked && !p.sites[0].record.with_site);
  EXPECT_EQ (p.sites[0].record.size, 4ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 4ul);
  EXPECT_EQ (p.stack_align, 4ul);
  EXPECT_EQ (p.stack_record_max, 4ul);
  EXPECT_EQ (p.stack_link, 16ul);
  EXPECT_EQ (p.stack_start, 8ul);
  EXPECT_EQ (p.stack_reserve, 24ul); /* link and int, to pool_align */
  Analysis a = analyse (b.fn);
  EXPECT_EQ (describe_site (b.fn, a, p, 0),
	     std::string ("'defer' uses run-time records: this 'defer' is "
			  "inside a loop and may run many times per call; its "
			  "4-byte records come from a 256-byte buffer in the "
			  "frame, then from the per-thread pool (no bound on "
			  "how many); copies 'i' when it registers"));
  /* A second site that runs once goes on the same stack, and each
     record ends with its site number.  */
  b.site (30, 31);
  p = planned (b.fn);
  a = analyse (b.fn);
  EXPECT (p.shape == Shape::records_stack);
  EXPECT (p.site_numbers);
  EXPECT (p.sites[1].storage == Storage::frame);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 8ul);  /* int, site */
  EXPECT_EQ (p.sites[1].record.pool_bytes, 4ul);  /* site */
  EXPECT_EQ (p.stack_record_max, 8ul);
  EXPECT_EQ (p.stack_align, 4ul);
  EXPECT_EQ (describe_site (b.fn, a, p, 1),
	     std::string ("'defer' uses run-time records: the 'defer' at line "
			  "11 is inside a loop and may run many times per "
			  "call; its 4-byte records go where the pooled ones "
			  "do, in one order with them: a 256-byte buffer in "
			  "the frame, then the per-thread pool"));
  /* Not for an analyzer, nor with setjmp, nor past pool_align.  */
  Host analyzer;
  analyzer.stacked_records = false;
  EXPECT (planned (b.fn, analyzer).shape == Shape::records_list);
  EXPECT (planned (b.fn, Host (), {{{4, 16}}, {}}).shape
	  == Shape::records_list);
  /* The buffer holds 248 bytes of records after its null word.  */
  EXPECT (planned (b.fn, Host (), {{{244, 4}}, {}}).shape
	  == Shape::records_stack); /* 248 with the site number */
  EXPECT (planned (b.fn, Host (), {{{248, 4}}, {}}).shape
	  == Shape::records_list); /* larger than the frame buffer */
  b.fn.calls_setjmp = true;
  EXPECT (planned (b.fn).shape == Shape::records_list);
}

TEST (setjmp_pools_everything_and_keeps_the_head_in_the_frame)
{
  Builder b;
  b.site (1, 2);
  b.fn.calls_setjmp = true;
  Plan p = planned (b.fn);
  EXPECT (p.reason == Reason::calls_setjmp);
  EXPECT (p.sites[0].storage == Storage::pool);
  EXPECT (p.top_in_frame && p.frame_descriptor);
  EXPECT_EQ (p.frame_buffer, 0ul);
}

TEST (record_layout_keeps_the_copies_alignment)
{
  Host h;
  RecordLayout r = record_layout (h, false, {{4, 4}});
  EXPECT_EQ (r.size, 16ul);
  EXPECT_EQ (r.pool_bytes, 16ul);
  r = record_layout (h, true, {{16, 32}}); /* aligned (32) */
  EXPECT_EQ (r.align, 32ul);
  EXPECT_EQ (r.size, 64ul);
  EXPECT_EQ (r.pool_bytes, 64ul + 24ul);
}

TEST (stacked_record_layout_ends_with_the_site_number)
{
  Host h;
  RecordLayout r = record_layout (h, false, {{4, 4}}, 4);
  EXPECT (r.stacked);
  EXPECT_EQ (r.size, 4ul);
  EXPECT_EQ (r.pool_bytes, 4ul);
  r = record_layout (h, true, {{4, 4}}, 4);
  EXPECT_EQ (r.pool_bytes, 8ul); /* the int, then the site number */
  r = record_layout (h, true, {{1, 1}}, 4);
  EXPECT_EQ (r.pool_bytes, 8ul); /* the site number stays aligned */
  r = record_layout (h, true, {{8, 8}}, 8);
  EXPECT_EQ (r.size, 8ul);
  EXPECT_EQ (r.pool_bytes, 16ul);
  r = record_layout (h, true, {{4, 4}}, 8); /* beside an 8-aligned site */
  EXPECT_EQ (r.pool_bytes, 8ul);
  r = record_layout (h, true, {{1, 1}, {8, 8}}, 8);
  EXPECT_EQ (r.size, 16ul);
  EXPECT_EQ (r.pool_bytes, 24ul);
  r = record_layout (h, false, {{1, 1}, {1, 1}, {1, 1}}, 1);
  EXPECT_EQ (r.pool_bytes, 3ul);
  /* Never empty: records are popped by their size.  */
  r = record_layout (h, false, {}, 1);
  EXPECT_EQ (r.size, 0ul);
  EXPECT_EQ (r.pool_bytes, 1ul);
  r = record_layout (h, true, {}, 4);
  EXPECT_EQ (r.pool_bytes, 4ul);
  Host h32;
  h32.pointer_size = 4;
  r = record_layout (h32, true, {{4, 4}}, 4);
  EXPECT_EQ (r.pool_bytes, 8ul);
}

/* Slots as C would lay them out: each a multiple of the function's
   largest alignment, no more.  */
TEST (stacked_slots_are_multiples_of_the_stack_alignment)
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 10, 20);
  int i = b.counter ("i", 2, 0, l);
  b.write (i, 5);
  b.site (11, 12, l, {i});
  Plan p = planned (b.fn, Host (), {{{4, 4}}}); /* int */
  EXPECT (p.shape == Shape::records_stack);
  EXPECT_EQ (p.stack_align, 4ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 4ul);
  p = planned (b.fn, Host (), {{{1, 1}}}); /* char */
  EXPECT_EQ (p.stack_align, 1ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 1ul);
  EXPECT_EQ (p.stack_record_max, 1ul);
  EXPECT_EQ (p.stack_reserve, 24ul);
  p = planned (b.fn, Host (), {{{2, 2}}}); /* short */
  EXPECT_EQ (p.sites[0].record.pool_bytes, 2ul);
  p = planned (b.fn, Host (), {{{1, 1}, {1, 1}, {1, 1}}}); /* 3 chars */
  EXPECT_EQ (p.sites[0].record.pool_bytes, 3ul);
  p = planned (b.fn, Host (), {{{8, 8}}}); /* long */
  EXPECT_EQ (p.stack_align, 8ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 8ul);
  /* The int and site numbers: 8.  */
  b.site (30, 31, l, {i});
  p = planned (b.fn, Host (), {{{4, 4}}, {{4, 4}}});
  EXPECT (p.shape == Shape::records_stack && p.site_numbers);
  EXPECT_EQ (p.stack_align, 4ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 8ul);
  EXPECT_EQ (p.sites[1].record.pool_bytes, 8ul);
  /* A char and site numbers: the number stays 4-aligned.  */
  p = planned (b.fn, Host (), {{{1, 1}}, {{1, 1}}});
  EXPECT_EQ (p.stack_align, 4ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 8ul);
  /* A double beside an int site: both slots multiples of 8.  */
  p = planned (b.fn, Host (), {{{8, 8}}, {{4, 4}}});
  EXPECT (p.shape == Shape::records_stack);
  EXPECT_EQ (p.stack_align, 8ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 16ul); /* double, site */
  EXPECT_EQ (p.sites[1].record.pool_bytes, 8ul);  /* int, site */
  EXPECT_EQ (p.stack_record_max, 16ul);
}

TEST (an_empty_stacked_record_still_takes_a_slot)
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 10, 20);
  b.site (11, 12, l);
  Plan p = planned (b.fn);
  EXPECT (p.shape == Shape::records_stack && !p.site_numbers);
  EXPECT_EQ (p.sites[0].record.size, 0ul);
  EXPECT_EQ (p.stack_align, 1ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 1ul);
  /* Beside a long: a slot of the stack's alignment, its site number.  */
  int i = b.counter ("i", 2, 0, l);
  b.write (i, 5);
  b.site (30, 31, l, {i});
  p = planned (b.fn, Host (), {{}, {{8, 8}}});
  EXPECT_EQ (p.stack_align, 8ul);
  EXPECT_EQ (p.sites[0].record.pool_bytes, 8ul);
  EXPECT_EQ (p.sites[1].record.pool_bytes, 16ul);
}

TEST (single_copy_blocks_under_a_host_that_emits_cleanups_twice)
{
  Builder b;
  b.site (1, 2);
  b.fn.blocks_need_one_copy = true;
  Host clang;
  clang.blocks_emitted_twice = true;
  Plan p = planned (b.fn, clang);
  EXPECT (p.shape == Shape::mask);
  EXPECT (!p.unwinding_runs_blocks);
  EXPECT_EQ (p.diagnostics.size (), 1u);
  EXPECT (p.diagnostics[0].warning == Warning::unwind);
  b.fn.moves_stack = true;
  p = planned (b.fn, clang);
  EXPECT (has_errors (p.diagnostics));
  EXPECT (planned (b.fn).diagnostics.empty ());
}
