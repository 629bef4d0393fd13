// SPDX-License-Identifier: MIT
/* Loop and cycle bounds (plugin/common/bounds.h).  */

#include "bounds.h"
#include "builder.h"
#include "harness.h"

using namespace unit;

static unsigned long
runs_of_site (const Function &fn, unsigned site = 0)
{
  std::vector<Cycle> cycles = backward_cycles (fn);
  return bound_sites (fn, cycles, false).site_runs[site];
}

/* for (int i = FROM; i OP LIMIT; i++) defer ...;  */
static Builder
counted_for (long long from, Comparison::Op op, long long limit,
	     bool exact = true)
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 10, 20);
  int i = b.counter ("i", 2, from, l);
  b.write (i, 5); /* the step */
  b.counts (l, i, op, limit, exact);
  b.site (11, 12, l, {i});
  return b;
}

TEST (counted_for_loops)
{
  EXPECT_EQ (runs_of_site (counted_for (0, Comparison::lt, 3).fn), 3ul);
  EXPECT_EQ (runs_of_site (counted_for (0, Comparison::le, 2).fn), 3ul);
  EXPECT_EQ (runs_of_site (counted_for (0, Comparison::ne, 100).fn), 100ul);
  EXPECT_EQ (runs_of_site (counted_for (5, Comparison::lt, 3).fn), 1ul);
  EXPECT_EQ (runs_of_site (counted_for (5, Comparison::ne, 3).fn), 0ul);
}

TEST (narrowing_conversion_in_the_test_is_not_counted)
{
  /* for (int i = 200; (signed char) i < 100; i++) */
  EXPECT_EQ (runs_of_site (counted_for (200, Comparison::lt, 100, false).fn),
	     0ul);
}

TEST (limit_must_fit_the_counter)
{
  Builder b = counted_for (0, Comparison::lt, 200);
  b.fn.vars[0].precision = 8; /* signed char: wraps at 127 */
  EXPECT_EQ (runs_of_site (b.fn), 0ul);
  b.fn.vars[0].is_signed = false; /* unsigned char reaches 200 */
  EXPECT_EQ (runs_of_site (b.fn), 200ul);
}

TEST (writes_the_scan_cannot_model_uncount)
{
  Builder asm_write = counted_for (0, Comparison::lt, 3);
  asm_write.write (0, 13, WriteKind::asm_output);
  EXPECT_EQ (runs_of_site (asm_write.fn), 0ul);
  Builder addressed = counted_for (0, Comparison::lt, 3);
  addressed.fn.vars[0].address_taken = true;
  EXPECT_EQ (runs_of_site (addressed.fn), 0ul);
  Builder vol = counted_for (0, Comparison::lt, 3);
  vol.fn.vars[0].is_volatile = true;
  EXPECT_EQ (runs_of_site (vol.fn), 0ul);
  Builder twice = counted_for (0, Comparison::lt, 3);
  twice.write (0, 14);
  EXPECT_EQ (runs_of_site (twice.fn), 0ul);
}

TEST (loop_entered_other_than_by_falling_in)
{
  Builder into = counted_for (0, Comparison::lt, 3);
  int lab = into.label (15);
  into.jump (30, lab);
  EXPECT_EQ (runs_of_site (into.fn), 0ul);
  Builder back = counted_for (0, Comparison::lt, 3);
  lab = back.label (0);
  back.jump (15, lab);
  EXPECT_EQ (runs_of_site (back.fn), 0ul);
  Builder duff = counted_for (0, Comparison::lt, 3);
  duff.a_case (15, 0, none, none);
  EXPECT_EQ (runs_of_site (duff.fn), 0ul);
}

TEST (site_in_loop_header_runs_once_more)
{
  /* while (({ defer X; i < 3; })) with i stepped first in the body */
  Builder b = counted_for (0, Comparison::lt, 3);
  b.fn.sites[0].at = 3;
  b.fn.sites[0].in_loop_header = true;
  EXPECT_EQ (runs_of_site (b.fn), 4ul);
}

TEST (nested_loops_multiply_and_cannot_wrap)
{
  Builder b;
  int outer = b.loop (Loop::for_loop, 1, 10, 40);
  int i = b.counter ("i", 2, 0, outer);
  b.write (i, 5);
  b.counts (outer, i, Comparison::lt, 6148914691236517206LL);
  int inner = b.loop (Loop::for_loop, 11, 15, 30, outer);
  int j = b.counter ("j", 12, 0, inner);
  b.write (j, 13);
  b.counts (inner, j, Comparison::lt, 3);
  b.fn.vars[i].precision = 64;
  b.site (16, 17, inner, {j});
  EXPECT_EQ (runs_of_site (b.fn), 0ul);
  b.fn.loops[outer].test.limit = 4;
  EXPECT_EQ (runs_of_site (b.fn), 12ul);
}

TEST (counted_goto_cycles)
{
  /* int g = 0; again: defer X; if (++g < 3) goto again; */
  Builder b;
  int g = b.counter ("g", 1, 0);
  int lab = b.label (2);
  b.site (3, 4);
  b.counted_jump (6, lab, g, Comparison::lt, 3);
  EXPECT_EQ (runs_of_site (b.fn), 3ul);
  /* A narrowing cast of the counter in the test: not counted.  */
  b.fn.gotos[0].counted.exact = false;
  EXPECT_EQ (runs_of_site (b.fn), 0ul);
}

TEST (cycle_counter_declared_after_label_is_not_counted)
{
  Builder b;
  int lab = b.label (1);
  int g = b.counter ("g", 2, 0);
  b.site (3, 4);
  b.counted_jump (6, lab, g, Comparison::lt, 3);
  EXPECT_EQ (runs_of_site (b.fn), 0ul);
}

TEST (computed_goto_uncounts_everything)
{
  Builder b = counted_for (0, Comparison::lt, 3);
  std::vector<Cycle> cycles;
  EXPECT_EQ (bound_sites (b.fn, cycles, true).site_runs[0], 0ul);
}
